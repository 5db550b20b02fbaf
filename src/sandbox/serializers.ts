// What the API serves for each record: the documented JSON shapes, field for field, in the
// documented order. A user's key sees the admin shapes; a student's key the student shapes.
import type {
  AnswerDoc,
  ChecksheetDoc,
  CourseDoc,
  EnrollmentDoc,
  GroupDoc,
  LibraryItemDoc,
  StepDoc,
  StudentDoc,
  UserDoc,
} from './model';
import type { SandboxStore } from './store';

export function courseJson(c: CourseDoc) {
  return {
    id: c.id,
    name: c.name,
    summary: c.summary,
    course_image: c.course_image,
    multiple_sign_ups: c.multiple_sign_ups,
    purchasable: c.purchasable,
    advertised: c.advertised,
    price_cents: c.price_cents,
    price_currency: c.price_currency,
    instructor_id: c.instructor_id,
    prerequisite_course_id: c.prerequisite_course_id,
    archived_at: c.archived_at,
    created_at: c.created_at,
    updated_at: c.updated_at,
  };
}

export function courseDetailJson(store: SandboxStore, c: CourseDoc) {
  return { ...courseJson(c), checksheets: store.checksheetsOfCourse(c.id).map(checksheetJson) };
}

export function checksheetJson(c: ChecksheetDoc) {
  return {
    id: c.id,
    course_id: c.course_id,
    version: c.version,
    current_checksheet: c.current_checksheet,
    published: c.published,
    created_at: c.created_at,
    updated_at: c.updated_at,
  };
}

function adminStepJson(s: StepDoc) {
  return {
    id: s.id,
    content_html: s.content_html,
    conditional: s.conditional,
    label: s.label,
    needs_attachment: s.needs_attachment,
    number_of_items: s.number_of_items,
    points: s.points,
    title: s.title,
    type: s.type,
    created_at: s.created_at,
    updated_at: s.updated_at,
    library_item_id: s.library_item_id,
    organisation_id: s.organisation_id,
    target_course_id: s.target_course_id,
    archived_at: s.archived_at,
    answer_html: s.answer_html,
    reject_duplicate_attempts: s.reject_duplicate_attempts,
    suggested_response: s.suggested_response,
    cloned_from_step_id: s.cloned_from_step_id,
    data: s.data,
  };
}

/** Shuffles without touching the stored order (Fisher–Yates over a copy). */
function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/** A step as a student may see it: no correct answers, no marking notes, choices in random order. */
function studentStepData(s: StepDoc, random: () => number): Record<string, unknown> {
  const data: Record<string, unknown> = { ...s.data };
  const keepOrder = data['persist_order'] === true;
  if (Array.isArray(data['choices'])) {
    const choices = (data['choices'] as Record<string, unknown>[]).map((c) => ({ name: c['name'] }));
    data['choices'] = keepOrder ? choices : shuffled(choices, random);
  }
  if (Array.isArray(data['items'])) {
    // A sequence's stored order is its answer, so it is always shuffled for a student.
    data['items'] = shuffled(data['items'] as unknown[], random);
  }
  return data;
}

function studentStepJson(s: StepDoc, random: () => number) {
  return {
    id: s.id,
    content_html: s.content_html,
    conditional: s.conditional,
    label: s.label,
    needs_attachment: s.needs_attachment,
    number_of_items: s.number_of_items,
    points: s.points,
    title: s.title,
    type: s.type,
    created_at: s.created_at,
    updated_at: s.updated_at,
    library_item_id: s.library_item_id,
    organisation_id: s.organisation_id,
    target_course_id: s.target_course_id,
    data: studentStepData(s, random),
  };
}

function adminSectionSteps(store: SandboxStore, sectionId: string) {
  return store.sectionStepsOf(sectionId).flatMap((ss) => {
    const step = store.step(ss.step_id);
    return step ? [adminStepJson(step)] : [];
  });
}

/** The student shape wraps each step in its section step, whose id is what answers refer to. */
function studentSectionSteps(store: SandboxStore, sectionId: string, random: () => number) {
  return store.sectionStepsOf(sectionId).flatMap((ss) => {
    const step = store.step(ss.step_id);
    if (!step) return [];
    return [{ id: ss.id, list_source_step: ss.list_source_step, possible_reference_section_step_ids: ss.possible_reference_section_step_ids, step: studentStepJson(step, random) }];
  });
}

export function checksheetDetailJson(store: SandboxStore, c: ChecksheetDoc, view: 'admin' | 'student', random: () => number) {
  const sections = store.sectionsOf(c.id).map((section) => ({
    created_at: section.created_at,
    final: section.final,
    id: section.id,
    label: section.label,
    name: section.name,
    sequence: section.sequence,
    section_steps: view === 'admin' ? adminSectionSteps(store, section.id) : studentSectionSteps(store, section.id, random),
    updated_at: section.updated_at,
  }));
  return {
    course_id: c.course_id,
    created_at: c.created_at,
    current_checksheet: c.current_checksheet,
    id: c.id,
    published: c.published,
    sections,
    updated_at: c.updated_at,
    version: c.version,
  };
}

export function libraryItemJson(l: LibraryItemDoc) {
  return {
    id: l.id,
    author: l.author,
    title: l.title,
    intro_html: l.intro_html,
    content_html: l.content_html,
    kind: l.kind,
    duration: l.duration,
    asset_host: l.asset_host,
    asset_file_url: l.asset_file_url,
    asset_file_data: l.asset_file_data,
    video_captions: l.video_captions,
    type: l.type,
    visibility: l.visibility,
    provide_download_link: l.provide_download_link,
    show_in_library: l.show_in_library,
    published: l.published,
    feature_in_top_resources: l.feature_in_top_resources,
    public_access_key: l.public_access_key,
    created_at: l.created_at,
    updated_at: l.updated_at,
  };
}

/** A student sees what they need to read or watch the item, nothing about how it is published. */
export function studentLibraryItemJson(l: LibraryItemDoc) {
  return {
    id: l.id,
    author: l.author,
    title: l.title,
    intro_html: l.intro_html,
    content_html: l.content_html,
    kind: l.kind,
    duration: l.duration,
    asset_file_url: l.provide_download_link ? l.asset_file_url : null,
    video_captions: l.video_captions,
    type: l.type,
    created_at: l.created_at,
    updated_at: l.updated_at,
  };
}

export function studentJson(s: StudentDoc) {
  return {
    id: s.id,
    given_name: s.given_name,
    family_name: s.family_name,
    email: s.email,
    company_name: s.company_name,
    external_id: s.external_id,
    locale: s.locale,
    time_zone: s.time_zone,
    gravatar_url: s.gravatar_url,
  };
}

export function studentDetailJson(s: StudentDoc, apiKey: string) {
  const { id, given_name, family_name, email, ...rest } = studentJson(s);
  return { id, given_name, family_name, email, api_key: apiKey, ...rest };
}

export function enrollmentJson(e: EnrollmentDoc) {
  return {
    id: e.id,
    student_id: e.student_id,
    course_id: e.course_id,
    checksheet_id: e.checksheet_id,
    instructor_id: e.instructor_id,
    enroller_id: e.enroller_id,
    active: e.active,
    created_at: e.created_at,
    updated_at: e.updated_at,
    started_at: e.started_at,
    completed_at: e.completed_at,
    expires_at: e.expires_at,
    custom_name: e.custom_name,
  };
}

export function enrollmentDetailJson(store: SandboxStore, orgId: string, e: EnrollmentDoc) {
  const student = store.student(orgId, e.student_id);
  // Enrollments go with their student (purgeStudent removes both), so this is a broken database.
  if (!student) throw new Error(`enrollment ${e.id} has no student ${e.student_id}`);
  return { ...enrollmentJson(e), student: studentJson(student) };
}

export function groupJson(g: GroupDoc) {
  return { id: g.id, name: g.name };
}

export function groupDetailJson(store: SandboxStore, g: GroupDoc) {
  return { ...groupJson(g), enrollments: store.enrollmentsOfGroup(g.id).map(enrollmentJson) };
}

export function userJson(u: UserDoc) {
  return {
    id: u.id,
    given_name: u.given_name,
    family_name: u.family_name,
    email: u.email,
    locale: u.locale,
    role: u.role,
    unsubscribed: u.unsubscribed,
  };
}

export function answerJson(a: AnswerDoc) {
  return {
    id: a.id,
    pass_at: a.pass_at,
    points: a.points,
    state: a.state,
    answered_at: a.answered_at,
    created_at: a.created_at,
    updated_at: a.updated_at,
    enrollment_id: a.enrollment_id,
    section_step_id: a.section_step_id,
  };
}
