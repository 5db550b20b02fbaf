// The Overview has its own address, with its page filters after it, and its charts' columns are
// named in the page's language.
import { describe, expect, it } from 'vitest';
import { hrefFor, parseRoute } from '../../../src/renderer/src/routing/route';
import { createI18n } from '../../../src/renderer/src/i18n/createI18n';
import { chartHeader } from '../../../src/renderer/src/overview/chartHeaders';
import { chartModels } from '../../../src/renderer/src/overview/chartModels';
import { overviewHash } from '../../../src/renderer/src/overview/overviewHash';
import { overviewFixture } from './overviewFixture';

describe('the overview’s route', () => {
  it('is #/overview, with or without page filters', () => {
    expect(parseRoute('#/overview')).toEqual({ screen: 'overview' });
    expect(hrefFor({ screen: 'overview' })).toBe('#/overview');
    expect(parseRoute(overviewHash({ groupId: 'g1', courseId: 'c1' }))).toEqual({ screen: 'overview' });
  });
});

describe('chart columns', () => {
  const models = chartModels(overviewFixture(), { day: (iso) => iso });

  it('name the category, each series and, for split bars, the total', () => {
    const { t } = createI18n('en');
    expect(chartHeader(models.enrollmentsByCourse, t)).toEqual(['Course', 'Active', 'Completed', 'Expired', 'Cancelled', 'Total']);
    expect(chartHeader(models.completionsPerWeek, t)).toEqual(['Week starting', 'Completions']);
    expect(chartHeader(models.expiriesPerDay, t)).toEqual(['Day', 'Enrollments expiring']);
    expect(chartHeader(models.groupSizes, t)).toEqual(['Group', 'Enrollments']);
  });

  it('are named in Traditional Chinese too', () => {
    const { t } = createI18n('zh-TW');
    expect(chartHeader(models.enrollmentsByCourse, t)).toEqual(['課程', '進行中', '已完成', '已到期', '已取消', '合計']);
  });
});
