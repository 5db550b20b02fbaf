import { describe, expect, it } from 'vitest';
import { courseChecksheetSections, studentChecksheetSections } from '../../../src/renderer/src/records/details/checksheetSections';

describe('a checksheet’s sections and steps', () => {
  it('come in sequence from a course’s detail, each step with its library item', () => {
    const item = { id: 'li-1', title: 'Handbook' };
    const sections = courseChecksheetSections({
      checksheet: { id: 'cs-1' },
      sections: [
        { section: { id: 's-2', name: 'Second', sequence: 2 }, steps: [] },
        { section: { id: 's-1', name: 'First', sequence: 1 }, steps: [{ step: { id: 'st-1', title: 'Read', type: 'Steps::Reference', content_html: '<p>Hi</p>' }, libraryItem: item }] },
      ],
    });
    expect(sections.map((s) => s.name)).toEqual(['First', 'Second']);
    expect(sections[0]!.steps).toEqual([{ id: 'st-1', title: 'Read', type: 'Reference', contentHtml: '<p>Hi</p>', libraryItem: item }]);
  });

  it('come from the student shape, where each section step wraps its step, and survive odd data', () => {
    const sections = studentChecksheetSections({
      sections: [
        { id: 's-1', name: 'Only', sequence: 1, section_steps: [{ id: 'ss-1', step: { id: 'st-1', title: 'Quiz', type: 'Steps::Question', content_html: null } }, 'junk'] },
        null,
      ],
    });
    expect(sections).toEqual([{ id: 's-1', name: 'Only', sequence: 1, steps: [{ id: 'st-1', title: 'Quiz', type: 'Question', contentHtml: null, libraryItem: null }] }]);
    expect(studentChecksheetSections({})).toEqual([]);
  });
});
