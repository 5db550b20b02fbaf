// The records the API documents show, with their ids, so that each curl example of the articles
// works against the sandbox once the host and key are swapped. Where the documents contradict
// themselves (one checksheet under two courses, one section step id for three step types), the
// choice made is listed in docs/sandbox.md.
import type { CourseDoc, StepDoc } from '../model';
import { gravatarUrl } from '../endpoints/students';
import type { Generator } from './generate';

export const DEMO_ORG_ID = '0ca51df6-704e-4dc4-afc7-9a4aa90e2c24';

/** Ids that appear in the documents. */
export const DOC_IDS = {
  courseHowTo: '50edd30a-d0da-4862-ba89-02b29835c80a',
  coursePrerequisite: '798fceb7-6d65-4659-9e69-a949a370bc68',
  coursePatchExample: 'f613fc3d-0101-44d4-86e0-0d2ef55dac9b',
  courseDeleteExample: 'b6062c1f-e879-44e9-12ce-3bd2ecd384b9',
  courseOfBobsEnrollment: '9c89bc86-b7ba-4223-bbab-9feb4f408370',
  courseOfGroupEnrollment: '4805f4f3-0fb7-43c4-865c-acba8bd3cdf1',
  checksheetV1: '6986ac14-19a4-4b5c-953c-a37f83754240',
  checksheetV2: 'e412869e-affe-403f-a006-47e6f1bfc668',
  checksheetOfGroupEnrollment: '36abf929-22cb-4d2c-8856-9a2d7c85c34b',
  section1: 'a1bae269-bd33-4f08-af0d-2b5956345910',
  quizStep: '48f73ba8-c013-4480-a5a9-d917f159331e',
  quizSectionStep: 'a636a972-0d1c-4603-b2c1-64027fbe09e1',
  referenceSectionSteps: ['5a9865e3-6fd7-4720-b88f-488cc9dd413d', 'cf6ef8a3-bcfa-4938-9afa-e87df5011761', 'fe233f06-ee24-4455-880c-71b88478f1da'],
  clonedFromStep: '072e9a9d-1c02-423e-95c6-afeca1047099',
  libraryItem: '8e016712-0472-443e-b187-a99332deac3c',
  studentBob: '82121578-afda-46ca-a2db-5b5f92bbce16',
  studentBobApiKey: '57056867-5ea3-4adf-b411-63b4fbf4eda1',
  studentOfGroupEnrollment: '5f6e867a-c510-408a-8553-41c866ea4689',
  enrollmentBob: '95d81367-9e78-4937-a30b-77c853e89baa',
  enrollmentPatchExample: 'cb3fa2a3-ecff-4cbd-96cc-308b85e7996d',
  enrollmentInGroup: '265f5058-6915-4125-aa92-cfa67aa20691',
  enrollmentAnswerChoice: '51278615-f974-4bde-b42e-31cd699e11c7',
  enrollmentAnswerOther: '51278615-f974-4bde-b42e-2a6addca9aad',
  enrollmentAnswerShown: '19bbb83c-2e9e-442e-b2a3-2a6addca9aad',
  sectionStepChoice: 'da902bc7-72ce-4b21-90c4-44734de06af1',
  sectionStepSequence: 'da902bc7-72ce-4b21-90c4-447143206af1',
  sectionStepAnswerShown: '4e8defc7-0a8c-4ace-b4aa-447143206af1',
  answerShown: '2e9f4c9d-cf43-419a-93bc-1238878058a0',
  group2020: 'e0c351c8-8516-4e42-b719-6c11f181624b',
  userSam: 'd39e311f-018d-4c57-ba88-6c5ac76ccb15',
  userInstructor: '5e0435d2-d88c-45ea-a106-d91cdcc323e8',
  userEnroller: 'a2efae3a-ed33-431c-ad72-aaf1bfe8f25b',
  userGroupInstructor: '24e4d370-d73d-424a-8e3e-d77d8f9d9223',
  // The documents' "delete a user" example names the group's id; a user with that id exists here too.
  userDeleteExample: 'e0c351c8-8516-4e42-b719-6c11f181624b',
} as const;

const T = (iso: string) => iso;
const FUTURE_YEARS = 3;

export interface DemoFixtures {
  ownerId: string;
  instructorIds: string[];
}

export function seedDocumentFixtures(g: Generator, ownerApiKey: string): DemoFixtures {
  const { store, orgId } = g;
  const now = g.now;
  const future = (days: number) => new Date(now.getTime() + days * 24 * 3600 * 1000).toISOString();
  const past = (days: number) => new Date(now.getTime() - days * 24 * 3600 * 1000).toISOString();

  // ---- users ----
  const user = (id: string, given: string, family: string, email: string, role: 'instructor' | 'supervisor' | 'manager' | 'owner', key: string) =>
    store.insertUser(orgId, { id, given_name: given, family_name: family, email, locale: 'en-US', role, unsubscribed: false, created_at: T('2019-02-01T09:00:00.000Z'), updated_at: T('2020-08-27T10:12:45.529Z') }, key);
  const ownerId = '3b0f3a57-6c1e-4d0a-9a55-0d5f6f2b7a10';
  user(ownerId, 'Mikel', 'Lindsaar', 'owner@example.com', 'owner', ownerApiKey);
  user(DOC_IDS.userSam, 'Sam', 'Smith', 'sam@example.com', 'instructor', g.newKey());
  user(DOC_IDS.userInstructor, 'Chloe', 'Yang', 'chloe.yang@example.com', 'instructor', g.newKey());
  user(DOC_IDS.userEnroller, 'Priya', 'Patel', 'priya.patel@example.com', 'manager', g.newKey());
  user(DOC_IDS.userGroupInstructor, '志明', '陳', 'zhiming.chen@example.com', 'instructor', g.newKey());
  user(DOC_IDS.userDeleteExample, 'Former', 'Staff', 'former.staff@example.com', 'supervisor', g.newKey());

  // ---- library item ----
  store.insertLibraryItem(orgId, {
    id: DOC_IDS.libraryItem,
    author: null,
    title: 'Example',
    intro_html: null,
    content_html: null,
    kind: null,
    duration: null,
    asset_host: 'https://assets.sandbox.enlight.invalid',
    asset_file_url: `https://files.sandbox.enlight.invalid/uploads/libraryitems/pdf/${DOC_IDS.libraryItem}/asset_file/9a344eff6b81d7f37e765861927753e6.pdf`,
    asset_file_data: {
      id: `libraryitems/pdf/${DOC_IDS.libraryItem}/asset_file/9a344eff6b81d7f37e765861927753e6.pdf`,
      storage: 'store',
      metadata: { md5: '8c4e551a93d74cdadcde813da9f1533c', size: 58958, filename: 'example.pdf', mime_type: 'application/pdf' },
    },
    video_captions: null,
    type: 'Pdf',
    visibility: 'members',
    provide_download_link: true,
    show_in_library: true,
    published: false,
    feature_in_top_resources: false,
    public_access_key: '56e64be0668b2489495c0e2ec0508d0616fe33a85ad842334fa92072392f11e9',
    created_at: T('2018-10-16T05:08:48.775Z'),
    updated_at: T('2021-01-29T18:41:30.270Z'),
  });

  // ---- courses ----
  const course = (id: string, name: string, extra: Partial<CourseDoc> = {}): CourseDoc => {
    const doc: CourseDoc = {
      id,
      name,
      summary: `This course teaches you ${name.toLowerCase()}`,
      course_image: null,
      multiple_sign_ups: false,
      purchasable: true,
      advertised: true,
      price_cents: 1000,
      price_currency: 'USD',
      instructor_id: DOC_IDS.userSam,
      prerequisite_course_id: null,
      archived_at: null,
      created_at: T('2015-06-17T12:51:08.182Z'),
      updated_at: T('2020-05-02T05:41:07.051Z'),
      _marketing_copy_html: '<p>Buy this course today!</p>',
      _completion_information_html: '<p>Well done on completing your course!</p>',
      ...extra,
    };
    store.insertCourse(orgId, doc);
    return doc;
  };
  const prerequisite = course(DOC_IDS.coursePrerequisite, 'Enlight Basics', { price_cents: 0, purchasable: false });
  const howTo = course(DOC_IDS.courseHowTo, 'How to use the Enlight API', {
    summary: 'This course teaches you the enlight API',
    prerequisite_course_id: prerequisite.id,
    course_image: {
      id: 'course/d8297351-f278-4e84-af89-84c4df524acd/course_image/0984231234.jpg',
      storage: 'store',
      metadata: { md5: '2880c465167aec271ff5f28b0a1dc9dc', size: 30146, filename: 'how-to-use.jpg', mime_type: 'image/jpeg' },
    },
  });
  const patchExample = course(DOC_IDS.coursePatchExample, 'Special Course Basics', { price_cents: 2500 });
  course(DOC_IDS.courseDeleteExample, 'Legacy Induction (retiring)', { advertised: false, purchasable: false, price_cents: 0 });
  const bobsCourse = course(DOC_IDS.courseOfBobsEnrollment, 'Selling with Confidence', { price_cents: 4900 });
  const groupCourse = course(DOC_IDS.courseOfGroupEnrollment, 'Customer Service Fundamentals', { instructor_id: DOC_IDS.userGroupInstructor });
  const answering = course('c2b7e8f1-4a8d-4f0e-9a3c-1d2e3f4a5b6c', 'Answering with the Enlight API', { multiple_sign_ups: true, price_cents: 0, purchasable: false });

  // ---- checksheets of "How to use the Enlight API": version 1 (retired) and version 2 (current) ----
  const sheetTime = T('2020-10-18T05:34:45.866Z');
  store.insertChecksheet(orgId, { id: DOC_IDS.checksheetV1, course_id: howTo.id, version: 1, current_checksheet: false, published: true, created_at: sheetTime, updated_at: sheetTime });
  store.insertChecksheet(orgId, { id: DOC_IDS.checksheetV2, course_id: howTo.id, version: 2, current_checksheet: true, published: true, created_at: sheetTime, updated_at: sheetTime });
  store.insertSection(orgId, { id: DOC_IDS.section1, checksheet_id: DOC_IDS.checksheetV2, name: 'Section 1', label: null, final: false, sequence: 1, created_at: T('2020-10-18T05:21:42.279Z'), updated_at: T('2020-10-18T05:21:42.308Z') });
  const quiz: StepDoc = {
    id: DOC_IDS.quizStep,
    content_html: 'What is the art of selling? ',
    conditional: false,
    label: null,
    needs_attachment: false,
    number_of_items: null,
    points: 5,
    title: 'Quiz',
    type: 'Steps::MultipleChoice',
    created_at: T('2018-10-11T07:06:55.472Z'),
    updated_at: T('2018-10-11T07:06:55.472Z'),
    library_item_id: null,
    organisation_id: orgId,
    target_course_id: null,
    archived_at: null,
    answer_html: null,
    reject_duplicate_attempts: false,
    suggested_response: 'Thank you for your answer',
    cloned_from_step_id: DOC_IDS.clonedFromStep,
    data: { choices: [{ name: 'Answer A.', correct: '1' }, { name: 'Answer B.' }, { name: 'Answer C.' }], persist_order: false, selection_type: 'single' },
  };
  store.insertStep(orgId, quiz);
  const [refA, refB, refC] = DOC_IDS.referenceSectionSteps;
  store.insertSectionStep(orgId, { id: DOC_IDS.quizSectionStep, section_id: DOC_IDS.section1, step_id: quiz.id, sequence: 1, list_source_step: null, possible_reference_section_step_ids: [...DOC_IDS.referenceSectionSteps] });
  const section2 = 'b2cbf37a-1e44-4c1d-9f5e-2a3b4c5d6e7f';
  store.insertSection(orgId, { id: section2, checksheet_id: DOC_IDS.checksheetV2, name: 'Section 2', label: null, final: true, sequence: 2, created_at: T('2020-10-18T05:21:42.279Z'), updated_at: T('2020-10-18T05:21:42.308Z') });
  const refTitles = ['Read the API guide', 'Authenticate', 'Page through students'];
  [refA, refB, refC].forEach((id, i) => {
    const step = g.step(i === 0 ? 'Steps::Reference' : 'Steps::Information', sheetTime, [DOC_IDS.libraryItem]);
    step.title = refTitles[i] ?? step.title;
    if (i === 0) step.library_item_id = DOC_IDS.libraryItem;
    store.insertStep(orgId, step);
    store.insertSectionStep(orgId, { id: id as string, section_id: section2, step_id: step.id, sequence: i + 1, list_source_step: null, possible_reference_section_step_ids: [] });
  });
  g.insertChecksheet(prerequisite, 1, true, [DOC_IDS.libraryItem]);
  g.insertChecksheet(patchExample, 1, true, [DOC_IDS.libraryItem]);
  const bobsSheet = g.insertChecksheet(bobsCourse, 1, true, [DOC_IDS.libraryItem]);
  store.insertChecksheet(orgId, { id: DOC_IDS.checksheetOfGroupEnrollment, course_id: groupCourse.id, version: 1, current_checksheet: true, published: true, created_at: sheetTime, updated_at: sheetTime });
  g.insertChecksheet(course('7d1e6a0b-5c3f-4e2a-8b9c-0a1b2c3d4e5f', 'Working Safely at Heights'), 1, true, [DOC_IDS.libraryItem]);

  // ---- the checksheet the answer examples use: one step of each answerable family ----
  const answeringSheet = 'f0e1d2c3-b4a5-4968-8776-655443322110';
  store.insertChecksheet(orgId, { id: answeringSheet, course_id: answering.id, version: 1, current_checksheet: true, published: true, created_at: sheetTime, updated_at: sheetTime });
  const answeringSection = 'aa11bb22-cc33-4d44-8e55-ff6677889900';
  store.insertSection(orgId, { id: answeringSection, checksheet_id: answeringSheet, name: 'Try the answers API', label: null, final: true, sequence: 1, created_at: sheetTime, updated_at: sheetTime });
  const answeringSteps: [string, string, Record<string, unknown>][] = [
    [DOC_IDS.sectionStepChoice, 'Steps::MultipleChoice', { choices: [{ name: 'Choice 1' }, { name: 'Choice 2', correct: '1' }, { name: 'Choice 3' }], persist_order: false, selection_type: 'single' }],
    ['0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5', 'Steps::MultipleChoice', { choices: [{ name: 'Choice 1', correct: '1' }, { name: 'Choice 2', correct: '1' }, { name: 'Choice 3' }], persist_order: true, selection_type: 'multiple' }],
    [DOC_IDS.sectionStepSequence, 'Steps::SequenceItems', { items: [{ name: 'Item 2' }, { name: 'Item 1' }] }],
    [DOC_IDS.sectionStepAnswerShown, 'Steps::Question', {}],
    ['1d2e3f4a-5b6c-4d7e-9f80-91a2b3c4d5e6', 'Steps::UnformattedQuestion', {}],
    ['2e3f4a5b-6c7d-4e8f-a091-a2b3c4d5e6f7', 'Steps::Reference', {}],
    ['3f4a5b6c-7d8e-4f90-b1a2-b3c4d5e6f708', 'Steps::Information', {}],
    ['4a5b6c7d-8e9f-4a01-c2b3-c4d5e6f70819', 'Steps::Note', {}],
    ['5b6c7d8e-9fa0-4b12-d3c4-d5e6f708192a', 'Steps::Assignment', {}],
  ];
  answeringSteps.forEach(([sectionStepId, type, data], i) => {
    const step = g.step(type, sheetTime, [DOC_IDS.libraryItem]);
    step.data = data;
    if (type === 'Steps::Reference') step.library_item_id = DOC_IDS.libraryItem;
    store.insertStep(orgId, step);
    store.insertSectionStep(orgId, { id: sectionStepId, section_id: answeringSection, step_id: step.id, sequence: i + 1, list_source_step: null, possible_reference_section_step_ids: [] });
  });

  // ---- students ----
  const student = (id: string, given: string, family: string, email: string, key: string, extra: { company_name?: string | null; external_id?: string | null } = {}) =>
    store.insertStudent(orgId, {
      id,
      given_name: given,
      family_name: family,
      email,
      company_name: extra.company_name ?? null,
      external_id: extra.external_id ?? null,
      locale: 'en-US',
      time_zone: 'Sydney',
      gravatar_url: gravatarUrl(email),
      created_at: T('2020-04-15T06:39:42.309Z'),
      updated_at: T('2020-08-27T10:12:45.529Z'),
    }, key);
  student(DOC_IDS.studentBob, 'Bob', 'Example', 'bob@example.com', DOC_IDS.studentBobApiKey, { company_name: 'Example Incorporated', external_id: '12345' });
  student(DOC_IDS.studentOfGroupEnrollment, '雅婷', '林', 'yating.lin@example.com', g.newKey(), { company_name: '大安物流' });

  // ---- enrollments ----
  const enrollment = (id: string, studentId: string, courseId: string, checksheetId: string | null, instructorId: string, extra: Partial<Parameters<typeof store.insertEnrollment>[1]> = {}) =>
    store.insertEnrollment(orgId, {
      id,
      student_id: studentId,
      course_id: courseId,
      checksheet_id: checksheetId,
      instructor_id: instructorId,
      enroller_id: DOC_IDS.userEnroller,
      active: true,
      created_at: past(200),
      updated_at: past(20),
      started_at: past(150),
      completed_at: null,
      expires_at: future(365 * FUTURE_YEARS),
      custom_name: null,
      ...extra,
    });
  enrollment(DOC_IDS.enrollmentBob, DOC_IDS.studentBob, bobsCourse.id, bobsSheet.id, DOC_IDS.userInstructor);
  enrollment(DOC_IDS.enrollmentPatchExample, DOC_IDS.studentBob, howTo.id, DOC_IDS.checksheetV2, DOC_IDS.userSam);
  enrollment(DOC_IDS.enrollmentInGroup, DOC_IDS.studentOfGroupEnrollment, groupCourse.id, DOC_IDS.checksheetOfGroupEnrollment, DOC_IDS.userGroupInstructor, { started_at: null, enroller_id: DOC_IDS.userGroupInstructor });
  enrollment(DOC_IDS.enrollmentAnswerChoice, DOC_IDS.studentBob, answering.id, answeringSheet, DOC_IDS.userSam);
  enrollment(DOC_IDS.enrollmentAnswerOther, DOC_IDS.studentBob, answering.id, answeringSheet, DOC_IDS.userSam);
  enrollment(DOC_IDS.enrollmentAnswerShown, DOC_IDS.studentBob, answering.id, answeringSheet, DOC_IDS.userSam);
  store.saveAnswer(orgId, {
    id: DOC_IDS.answerShown,
    enrollment_id: DOC_IDS.enrollmentAnswerShown,
    section_step_id: DOC_IDS.sectionStepAnswerShown,
    state: 'passed',
    points: 10,
    pass_at: T('2021-02-08T07:26:07.812Z'),
    answered_at: T('2021-02-08T07:26:07.815Z'),
    created_at: T('2021-02-08T07:26:07.815Z'),
    updated_at: T('2021-02-08T07:26:07.815Z'),
    _content: 'The art of selling is listening.',
  });

  // ---- groups ----
  store.insertGroup(orgId, { id: DOC_IDS.group2020, name: 'Class of 2020', created_at: T('2020-01-10T00:00:00.000Z'), updated_at: T('2020-01-10T00:00:00.000Z') });
  store.addToGroup(DOC_IDS.group2020, DOC_IDS.enrollmentInGroup);

  return { ownerId, instructorIds: [DOC_IDS.userSam, DOC_IDS.userInstructor, DOC_IDS.userGroupInstructor] };
}
