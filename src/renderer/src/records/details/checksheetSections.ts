// A checksheet's sections and steps in sequence, in one shape for the pane, whether it came from
// courses.detail (a user's view: steps with their library items) or from the student preview (the
// API's student shape, where each section step wraps its step).
import type { CourseDetail } from '../../../../shared/bridge';

type Json = Record<string, unknown>;

export interface StepView {
  id: string;
  title: string;
  type: string;
  contentHtml: string | null;
  libraryItem: Json | null;
}

export interface SectionView {
  id: string;
  name: string;
  sequence: number;
  steps: StepView[];
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const sequenceOf = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : Number.MAX_SAFE_INTEGER);

function stepView(step: Json, libraryItem: Json | null): StepView {
  return {
    id: text(step['id']),
    title: text(step['title']),
    type: text(step['type']).replace(/^Steps::/, ''),
    contentHtml: typeof step['content_html'] === 'string' ? step['content_html'] : null,
    libraryItem,
  };
}

function bySequence(sections: SectionView[]): SectionView[] {
  return [...sections].sort((a, b) => a.sequence - b.sequence);
}

export function courseChecksheetSections(entry: CourseDetail['checksheets'][number]): SectionView[] {
  return bySequence(
    entry.sections.map(({ section, steps }) => ({
      id: text(section['id']),
      name: text(section['name']),
      sequence: sequenceOf(section['sequence']),
      steps: steps.map(({ step, libraryItem }) => stepView(step, libraryItem)),
    })),
  );
}

/** The student shape: `sections[].section_steps[]` each holding `step`; a flat step is taken as it is. */
export function studentChecksheetSections(checksheet: Json): SectionView[] {
  const sections = Array.isArray(checksheet['sections']) ? checksheet['sections'].filter(isObject) : [];
  return bySequence(
    sections.map((section) => {
      const sectionSteps = Array.isArray(section['section_steps']) ? section['section_steps'].filter(isObject) : [];
      return {
        id: text(section['id']),
        name: text(section['name']),
        sequence: sequenceOf(section['sequence']),
        steps: sectionSteps.map((s) => stepView(isObject(s['step']) ? s['step'] : s, null)),
      };
    }),
  );
}
