// Answers, with a student's key only. The documents sort steps into four families, each answered
// differently; `stepFamily` is the single place that says which type belongs where.
import { ApiError, FieldErrors } from '../http/apiError';
import { ok, type RequestContext, type Reply } from '../http/context';
import { isId, type Body } from '../http/params';
import type { AnswerDoc, EnrollmentDoc, SectionStepDoc, StepDoc } from '../model';
import { answerJson, enrollmentDetailJson } from '../serializers';

type Family = 'auto-marked' | 'marked-later' | 'no-marking' | 'no-answer' | 'not-supported';

const FAMILIES: Record<string, Family> = {
  'Steps::MultipleChoice': 'auto-marked',
  'Steps::SequenceItems': 'auto-marked',
  'Steps::Question': 'marked-later',
  'Steps::UnformattedQuestion': 'marked-later',
  // Marked later too, but the documents say "Other step types not supported yet".
  'Steps::Allocate': 'not-supported',
  'Steps::Arrange': 'not-supported',
  'Steps::Assignment': 'not-supported',
  'Steps::Checkpoint': 'not-supported',
  'Steps::List': 'not-supported',
  // "No API support for submitting answers to these Step types yet".
  'Steps::Feedback': 'no-marking',
  'Steps::IdentifyEnrollment': 'no-marking',
  'Steps::Note': 'no-marking',
  'Steps::NoteAndRating': 'no-marking',
  'Steps::Rank': 'no-marking',
  'Steps::Rating': 'no-marking',
  'Steps::Review': 'no-marking',
  'Steps::Survey': 'no-marking',
  'Steps::ValueEnrollment': 'no-marking',
  'Steps::Reference': 'no-answer',
  'Steps::Information': 'no-answer',
};

export function stepFamily(type: string): Family {
  return FAMILIES[type] ?? 'not-supported';
}

export const STEP_TYPES = Object.keys(FAMILIES);

/** The ids may come in a JSON body (as documented, even on GET) or in the query string. */
function readIds(ctx: RequestContext): { enrollmentId: string; sectionStepId: string } {
  const pick = (key: string): unknown => (key in ctx.body ? ctx.body[key] : (ctx.query.get(key) ?? undefined));
  const errors = new FieldErrors();
  const enrollmentId = pick('enrollment_id');
  const sectionStepId = pick('section_step_id');
  if (enrollmentId === undefined || enrollmentId === '' || enrollmentId === null) errors.add('enrollment_id', "can't be blank");
  else if (typeof enrollmentId !== 'string') errors.add('enrollment_id', 'must be text');
  if (sectionStepId === undefined || sectionStepId === '' || sectionStepId === null) errors.add('section_step_id', "can't be blank");
  else if (typeof sectionStepId !== 'string') errors.add('section_step_id', 'must be text');
  errors.throwIfAny(400);
  return { enrollmentId: enrollmentId as string, sectionStepId: sectionStepId as string };
}

function requireStudent(ctx: RequestContext): void {
  if (ctx.principal.kind !== 'student') {
    throw ApiError.of(403, 'base', "Answers are submitted and read with the student's own API key");
  }
}

function findTarget(ctx: RequestContext): { enrollment: EnrollmentDoc; sectionStep: SectionStepDoc; step: StepDoc } {
  const { enrollmentId, sectionStepId } = readIds(ctx);
  const enrollment = isId(enrollmentId) ? ctx.store.enrollment(ctx.org.id, enrollmentId) : undefined;
  if (!enrollment || enrollment.student_id !== ctx.principal.id) throw ApiError.notFound('Enrollment');
  const sectionStep = isId(sectionStepId) ? ctx.store.sectionStep(ctx.org.id, sectionStepId) : undefined;
  if (!sectionStep || ctx.store.checksheetIdOfSectionStep(sectionStep.id) !== enrollment.checksheet_id) {
    throw ApiError.notFound('Section step');
  }
  const step = ctx.store.step(sectionStep.step_id);
  if (!step) throw ApiError.notFound('Section step');
  return { enrollment, sectionStep, step };
}

function choiceNames(step: StepDoc, onlyCorrect: boolean): string[] {
  const choices = Array.isArray(step.data['choices']) ? (step.data['choices'] as Record<string, unknown>[]) : [];
  return choices
    .filter((c) => !onlyCorrect || (c['correct'] !== undefined && c['correct'] !== '0' && c['correct'] !== false))
    .map((c) => String(c['name']));
}

/** Marks an auto-marked step's content: true when it is the correct answer. */
function isCorrect(step: StepDoc, content: unknown, errors: FieldErrors): boolean {
  if (step.type === 'Steps::SequenceItems') {
    const items = Array.isArray(step.data['items']) ? (step.data['items'] as Record<string, unknown>[]).map((i) => String(i['name'])) : [];
    if (!Array.isArray(content)) {
      errors.add('content', 'must be a list of the items in order');
      return false;
    }
    return content.length === items.length && content.every((c, i) => c === items[i]);
  }
  const correct = choiceNames(step, true);
  if (step.data['selection_type'] === 'multiple') {
    if (!Array.isArray(content)) {
      errors.add('content', 'must be a list of choices');
      return false;
    }
    // Each right choice once, in any order: a choice named twice is not the same answer.
    const given = new Set(content.map(String));
    return content.length === correct.length && given.size === correct.length && correct.every((c) => given.has(c));
  }
  if (typeof content !== 'string') {
    errors.add('content', 'must be one choice');
    return false;
  }
  return correct.length === 1 && correct[0] === content;
}

function readContent(body: Body): unknown {
  const answer = body['answer'];
  if (answer === undefined || answer === null) return undefined;
  if (typeof answer !== 'object' || Array.isArray(answer)) throw ApiError.of(400, 'answer', 'must be an object with a content');
  return (answer as Record<string, unknown>)['content'];
}

function isBlank(content: unknown): boolean {
  return content === undefined || content === null || (typeof content === 'string' && content.trim() === '') || (Array.isArray(content) && content.length === 0);
}

export function submitAnswer(ctx: RequestContext): Reply {
  requireStudent(ctx);
  const { enrollment, sectionStep, step } = findTarget(ctx);
  const now = ctx.now();
  if (!enrollment.active) throw ApiError.of(422, 'enrollment_id', 'is cancelled');
  if (enrollment.expires_at && new Date(enrollment.expires_at).getTime() <= now.getTime()) throw ApiError.of(422, 'enrollment_id', 'has expired');
  const existing = ctx.store.answer(enrollment.id, sectionStep.id);
  if (existing?.state === 'passed') throw ApiError.of(422, 'base', 'This step has already been passed and can no longer be changed');

  const family = stepFamily(step.type);
  if (family === 'not-supported' || family === 'no-marking') {
    throw ApiError.of(422, 'section_step_id', `answers to ${step.type} steps can't be submitted through the API yet`);
  }
  const content = readContent(ctx.body);
  const errors = new FieldErrors();
  let state: AnswerDoc['state'];
  if (family === 'no-answer') state = 'passed';
  else if (isBlank(content)) {
    errors.add('content', "can't be blank");
    errors.throwIfAny(family === 'auto-marked' ? 400 : 422);
    throw new Error('unreachable');
  } else if (family === 'marked-later') {
    if (typeof content !== 'string') errors.add('content', 'must be text');
    errors.throwIfAny(422);
    state = 'submitted';
  } else {
    state = isCorrect(step, content, errors) ? 'passed' : 'rejected';
  }

  const iso = now.toISOString();
  const answer: AnswerDoc = {
    id: existing?.id ?? ctx.newId(),
    enrollment_id: enrollment.id,
    section_step_id: sectionStep.id,
    state,
    points: state === 'passed' ? step.points : 0,
    pass_at: state === 'passed' ? iso : null,
    answered_at: iso,
    created_at: existing?.created_at ?? iso,
    updated_at: iso,
    _content: content ?? null,
  };
  ctx.store.transaction(() => {
    ctx.store.saveAnswer(ctx.org.id, answer);
    const started = enrollment.started_at ? enrollment : { ...enrollment, started_at: iso, updated_at: iso };
    if (started !== enrollment) ctx.store.saveEnrollment(started);
    if (state === 'passed') completeIfDone(ctx, started, iso);
  });
  if (state === 'rejected') {
    errors.add('content', 'is not the correct answer');
    errors.throwIfAny(400);
  }
  return ok(answerJson(answer));
}

/** Completes the enrollment once every step of its checksheet is passed, and tells the webhooks. */
function completeIfDone(ctx: RequestContext, enrollment: EnrollmentDoc, iso: string): void {
  if (enrollment.completed_at || !enrollment.checksheet_id) return;
  const passed = ctx.store.passedSectionStepIds(enrollment.id);
  const all = ctx.store.sectionStepsOfChecksheet(enrollment.checksheet_id);
  if (all.length === 0 || !all.every((ss) => passed.has(ss.id))) return;
  const completed = { ...enrollment, completed_at: iso, updated_at: iso };
  ctx.store.saveEnrollment(completed);
  ctx.events.courseCompleted(ctx.org.id, enrollmentDetailJson(ctx.store, ctx.org.id, completed));
}

export function showAnswer(ctx: RequestContext): Reply {
  requireStudent(ctx);
  const { enrollment, sectionStep } = findTarget(ctx);
  const answer = ctx.store.answer(enrollment.id, sectionStep.id);
  if (!answer) throw ApiError.notFound('Answer');
  return ok(answerJson(answer));
}
