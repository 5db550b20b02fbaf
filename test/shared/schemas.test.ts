import { describe, it, expect } from 'vitest';
import type { z } from 'zod';
import {
  answerSchema,
  checksheetDetailSchema,
  checksheetListSchema,
  courseCompletedPayloadSchema,
  courseDetailSchema,
  courseListSchema,
  courseSchema,
  enrollmentDetailSchema,
  enrollmentListSchema,
  enrollmentSchema,
  errorHashSchema,
  groupDetailSchema,
  groupListSchema,
  libraryItemSchema,
  newStudentPayloadSchema,
  resourceSchemas,
  stepSchema,
  studentChecksheetDetailSchema,
  studentDetailSchema,
  studentLibraryItemSchema,
  studentListSchema,
  studentSchema,
  userListSchema,
  userSchema,
} from '../../src/shared/api/schemas';

// The example responses of the Enlight API v1 article, copied verbatim from the English edition
// (every example but the student list is character-for-character the same in the Traditional
// Chinese edition). Only the documents' JSON typos are fixed, each in both editions:
//   - student list (en): `"company_name: Example Incorporated,` → `"company_name":"Example Incorporated",`
//   - show student: the missing comma after the `"api_key"` line is added
//   - show checksheet (user key): one surplus `}` after the step's `data` is removed
//   - both "Unable to save enrollment" error hashes: the trailing comma inside `errors` is removed

const courseList = `[
{
"id":"50edd30a-d0da-4862-ba89-02b29835c80a",
"name":"How to use the Enlight API",
"summary":"This course teaches you the enlight API",
"course_image":{
"id":"course/d8297351-f278-4e84-af89-84c4df524acd/course_image/0984231234.jpg",
"storage":"store",
"metadata":{
"md5":"2880c465167aec271ff5f28b0a1dc9dc",
"size":30146,
"filename":"how-to-use.jpg",
"mime_type":"image/jpeg"
}
},
"multiple_sign_ups":false,
"purchasable":true,
"advertised":true,
"price_cents":1000,
"price_currency":"USD",
"instructor_id":"50edd30a-d0da-4862-ba89-02b29835c80a",
"prerequisite_course_id":"798fceb7-6d65-4659-9e69-a949a370bc68",
"archived_at":null,
"created_at":"2015-06-17T12:51:08.182Z",
"updated_at":"2020-05-02T05:41:07.051Z"
}
]`;

const courseDetail = `{
"id":"50edd30a-d0da-4862-ba89-02b29835c80a",
"name":"How to use the Enlight API",
"summary":"This course teaches you the enlight API",
"course_image":{
"id":"course/d8297351-f278-4e84-af89-84c4df524acd/course_image/0984231234.jpg",
"storage":"store",
"metadata":{
"md5":"2880c465167aec271ff5f28b0a1dc9dc",
"size":30146,
"filename":"how-to-use.jpg",
"mime_type":"image/jpeg"
}
},
"multiple_sign_ups":false,
"purchasable":true,
"advertised":true,
"price_cents":1000,
"price_currency":"USD",
"instructor_id":"50edd30a-d0da-4862-ba89-02b29835c80a",
"prerequisite_course_id":"798fceb7-6d65-4659-9e69-a949a370bc68",
"archived_at":null,
"created_at":"2015-06-17T12:51:08.182Z",
"updated_at":"2020-05-02T05:41:07.051Z",
"checksheets": [
{
"id":"6986ac14-19a4-4b5c-953c-a37f83754240",
"course_id":"67b24850-e32f-47a4-b2bd-cf87936a2c7b",
"version":1,
"current_checksheet":false,
"published":true,
"created_at":"2020-10-18T05:34:45.866Z",
"updated_at":"2020-10-18T05:34:45.866Z"
},
{
"id":"e412869e-affe-403f-a006-47e6f1bfc668",
"course_id":"67b24850-e32f-47a4-b2bd-cf87936a2c7b",
"version":2,
"current_checksheet":true,
"published":true,
"created_at":"2020-10-18T05:34:45.866Z",
"updated_at":"2020-10-18T05:34:45.866Z"
}
]
}`;

const courseUpdateError = `{"errors":{"price":["must be greater than or equal to 0"]}}`;

const courseCreateError = `{"errors":{"name":["has already been taken"]}}`;

const checksheetList = `[
{
"id":"6986ac14-19a4-4b5c-953c-a37f83754240",
"course_id":"67b24850-e32f-47a4-b2bd-cf87936a2c7b",
"version":1,
"current_checksheet":false,
"published":true,
"created_at":"2020-10-18T05:34:45.866Z",
"updated_at":"2020-10-18T05:34:45.866Z"
},
{
"id":"a412869e-dffe-203f-b126-52e6f1bfc668",
"course_id":"67b24850-e32f-47a4-b2bd-cf87936a2c7b",
"version":2,
"current_checksheet":true,
"published":true,
"created_at":"2020-10-18T05:34:45.866Z",
"updated_at":"2020-10-18T05:34:45.866Z"
}
]`;

const checksheetDetail = `{
"course_id": "b6062c1f-e879-44e9-12ce-3bd2ecd384b9",
"created_at": "2020-10-18T05:21:42.289Z",
"current_checksheet": true,
"id": "e412869e-affe-403f-a006-47e6f1bfc668",
"published": true,
"sections": [
{
"created_at": "2020-10-18T05:21:42.279Z",
"final": false,
"id": "a1bae269-bd33-4f08-af0d-2b5956345910",
"label": null,
"name": "Section 1",
"sequence": 1,
"section_steps": [
{
"id": "48f73ba8-c013-4480-a5a9-d917f159331e",
"content_html": "What is the art of selling? ",
"conditional": false,
"label": null,
"needs_attachment": false,
"number_of_items": null,
"points": 5,
"title": "Quiz",
"type": "Steps::MultipleChoice",
"created_at": "2018-10-11T07:06:55.472Z",
"updated_at": "2018-10-11T07:06:55.472Z",
"library_item_id": null,
"organisation_id": "0ca51df6-704e-4dc4-afc7-9a4aa90e2c24",
"target_course_id": null,
"archived_at": null,
"answer_html": null,
"reject_duplicate_attempts": false,
"suggested_response": "Thank you for your answer",
"cloned_from_step_id": "072e9a9d-1c02-423e-95c6-afeca1047099",
"data": {
"choices": [
{
"name": "Answer A.",
"correct": "1"
},
{
"name": "Answer B."
},
{
"name": "Answer C."
}
],
"persist_order": false,
"selection_type": "single"
}
}
],
"updated_at": "2020-10-18T05:21:42.308Z"
}
],
"updated_at": "2020-10-18T05:21:42.289Z",
"version": 1
}`;

const studentChecksheetDetail = `{
"course_id": "b6062c1f-e879-44e9-12ce-3bd2ecd384b9",
"created_at": "2020-10-18T05:21:42.289Z",
"current_checksheet": true,
"id": "e412869e-affe-403f-a006-47e6f1bfc668",
"published": true,
"sections": [
{
"created_at": "2020-10-18T05:21:42.279Z",
"final": false,
"id": "a1bae269-bd33-4f08-af0d-2b5956345910",
"label": null,
"name": "Section 1",
"sequence": 1,
"section_steps": [
{
"id": "a636a972-0d1c-4603-b2c1-64027fbe09e1",
"list_source_step": null,
"possible_reference_section_step_ids": [
"5a9865e3-6fd7-4720-b88f-488cc9dd413d",
"cf6ef8a3-bcfa-4938-9afa-e87df5011761",
"fe233f06-ee24-4455-880c-71b88478f1da"
],
"step": {
"id": "48f73ba8-c013-4480-a5a9-d917f159331e",
"content_html": "What is the correct answer? ",
"conditional": false,
"label": null,
"needs_attachment": false,
"number_of_items": null,
"points": 5,
"title": "Quiz",
"type": "Steps::MultipleChoice",
"created_at": "2018-10-11T07:06:55.472Z",
"updated_at": "2018-10-11T07:06:55.472Z",
"library_item_id": null,
"organisation_id": "0ca51df6-704e-4dc4-afc7-9a4aa90e2c24",
"target_course_id": null,
"data": {
"choices": [
{
"name": "Answer B"
},
{
"name": "Answer C"
},
{
"name": "Answer A"
}
],
"persist_order": false,
"selection_type": "single"
}

}
}
],
"updated_at": "2020-10-18T05:21:42.308Z"
}
],
"updated_at": "2020-10-18T05:21:42.289Z",
"version": 1
}`;

const libraryItem = `{
"id": "8e016712-0472-443e-b187-a99332deac3c",
"author": null,
"title": "Example",
"intro_html": null,
"content_html": null,
"kind": null,
"duration": null,
"asset_host": "https://d3psjymf7uu91w.cloudfront.net",
"asset_file_url": "https://d14hmtmeb4nek6.cloudfront.net/uploads/libraryitems/pdf/8e016712-0472-443e-b187-a99332deac3c/asset_file/9a344eff6b81d7f37e765861927753e6.pdf?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAAIVDJ3DFYIBSG5TQ%2F20210413%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20200413T135146Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Signature=d8be28a418362826a998db99e234538094280fa94265f159952b8c1969a0e5aa4",
"asset_file_data": {
"id": "libraryitems/pdf/8e016712-0472-443e-b187-a99332deac3c/asset_file/9a344eff6b81d7f37e765861927753e6.pdf",
"storage": "store",
"metadata": {
"md5": "8c4e551a93d74cdadcde813da9f1533c",
"size": 58958,
"filename": "example.pdf",
"mime_type": "application/pdf"
}
},
"video_captions": null,
"type": "Pdf",
"visibility": "members",
"provide_download_link": true,
"show_in_library": true,
"published": false,
"feature_in_top_resources": false,
"public_access_key": "56e64be0668b2489495c0e2ec0508d0616fe33a85ad842334fa92072392f11e9",
"created_at": "2018-10-16T05:08:48.775Z",
"updated_at": "2021-01-29T18:41:30.270Z"
}`;

const studentListEn = `[
{
"id":"82121578-afda-46ca-a2db-5b5f92bbce16",
"given_name":"Bob",
"family_name":"Example",
"email":"bob@example.com",
"company_name":"Example Incorporated",
"external_id":"12345",
"locale":"en-US",
"time_zone":"Sydney",
"gravatar_url":"http://www.gravatar.com/avatar/6bed2cc82ac1538da3fc3312d424bb04"
}
]`;

const studentListZh = `[
{
"id":"82121578-afda-46ca-a2db-5b5f92bbce16",
"given_name":"Bob",
"family_name":"Example",
"email":"bob@example.com",
"external_id":"12345",
"locale":"en-US",
"time_zone":"Sydney",
"gravatar_url":"http://www.gravatar.com/avatar/6bed2cc82ac1538da3fc3312d424bb04"
}
]`;

const studentDetail = `{
"id":"82121578-afda-46ca-a2db-5b5f92bbce16",
"given_name":"Bob",
"family_name":"Example",
"email":"bob@example.com",
"api_key":"57056867-5ea3-4adf-b411-63b4fbf4eda1",
"external_id":"12345",
"locale":"en-US",
"time_zone":"Sydney",
"gravatar_url":"http://www.gravatar.com/avatar/6bed2cc82ac1538da3fc3312d424bb04"
}`;

const studentUpdateError = `{"errors":{"email":["can't be blank"]}}`;

const studentCreateError = `{
"errors":{"email":["has already been taken"]}
}`;

const enrollmentList = `[
{
"id":"95d81367-9e78-4937-a30b-77c853e89baa",
"student_id":"82121578-afda-46ca-a2db-5b5f92bbce16",
"course_id":"9c89bc86-b7ba-4223-bbab-9feb4f408370",
"checksheet_id":"e412869e-affe-403f-a006-47e6f1bfc668",
"instructor_id":"5e0435d2-d88c-45ea-a106-d91cdcc323e8",
"enroller_id":"a2efae3a-ed33-431c-ad72-aaf1bfe8f25b",
"active":true,
"created_at":"2020-05-01T13:58:26.354Z",
"updated_at":"2020-08-08T09:59:27.172Z",
"started_at":"2020-08-08T09:57:28.816Z",
"completed_at":null,
"expires_at":"2021-05-01T13:58:26.354Z",
"custom_name":null
}
]`;

const enrollmentDetail = `{
"id":"95d81367-9e78-4937-a30b-77c853e89baa",
"student_id":"82121578-afda-46ca-a2db-5b5f92bbce16",
"course_id":"9c89bc86-b7ba-4223-bbab-9feb4f408370",
"checksheet_id":"e412869e-affe-403f-a006-47e6f1bfc668",
"instructor_id":"5e0435d2-d88c-45ea-a106-d91cdcc323e8",
"enroller_id":"a2efae3a-ed33-431c-ad72-aaf1bfe8f25b",
"active":true,
"created_at":"2020-05-01T13:58:26.354Z",
"updated_at":"2020-08-08T09:59:27.172Z",
"started_at":"2020-08-08T09:57:28.816Z",
"completed_at":null,
"expires_at":"2021-05-01T13:58:26.354Z",
"custom_name":null,
"student":{
"id":"82121578-afda-46ca-a2db-5b5f92bbce16",
"given_name":"Bob",
"family_name":"Example",
"email":"bob@example.com",
"external_id":"12345",
"locale":"en-US",
"time_zone":"Sydney",
"gravatar_url":"http://www.gravatar.com/avatar/6bed2cc82ac1538da3fc3312d424bb04"
}
}`;

const enrollmentUpdateError = `{"errors":{"expires_at":["must be in the future"]}}`;

const enrollmentCreateError = `{
"message":"Unable to save enrollment",
"errors":{
"course_id":["can't be blank"]
}
}`;

const enrollmentAndStudentCreateError = `{
"message":"Unable to save enrollment",
"errors":{
"student_email":["can't be blank"]
}
}`;

const groupList = `[
{
"id":"e0c351c8-8516-4e42-b719-6c11f181624b",
"name":"Class of 2020"
}
]`;

const groupDetail = `{
"id":"e0c351c8-8516-4e42-b719-6c11f181624b",
"name":"Class of 2020",
"enrollments": [
{
"id":"265f5058-6915-4125-aa92-cfa67aa20691",
"student_id":"5f6e867a-c510-408a-8553-41c866ea4689",
"course_id":"4805f4f3-0fb7-43c4-865c-acba8bd3cdf1",
"checksheet_id":"36abf929-22cb-4d2c-8856-9a2d7c85c34b",
"instructor_id":"24e4d370-d73d-424a-8e3e-d77d8f9d9223",
"enroller_id":"24e4d370-d73d-424a-8e3e-d77d8f9d9223",
"active":true,
"created_at":"2020-04-15T06:39:42.309Z",
"updated_at":"2020-08-27T10:12:45.529Z",
"started_at":null,
"completed_at":null,
"expires_at":"2021-04-15T00:00:00.000Z",
"custom_name":null
}]
}`;

const groupUpdateError = `{"errors":{"name":["can't be blank"]}}`;

const groupCreateError = `{
"errors":{"name":["can't be blank"]}
}`;

const userList = `[
{
"id":"d39e311f-018d-4c57-ba88-6c5ac76ccb15",
"given_name":"Sam",
"family_name":"Smith",
"email":"sam@example.com",
"locale":"en-US",
"role":"instructor",
"unsubscribed":false
}
]`;

const userDetail = `{
"id":"d39e311f-018d-4c57-ba88-6c5ac76ccb15",
"given_name":"Sam",
"family_name":"Smith",
"email":"sam@example.com",
"locale":"en-US",
"role":"instructor",
"unsubscribed":false
}`;

const userUpdateError = `{"errors":{"given_name":["can't be blank"]}}`;

const userCreateError = `{
"errors":{"email":["can't be blank"]}
}`;

const answer = `{
"id":"2e9f4c9d-cf43-419a-93bc-1238878058a0",
"pass_at":"2021-02-08T07:26:07.812Z",
"points":10,
"state":"passed",
"answered_at":"2021-02-08T07:26:07.815Z",
"created_at":"2021-02-08T07:26:07.815Z",
"updated_at":"2021-02-08T07:26:07.815Z",
"enrollment_id":"19bbb83c-2e9e-442e-b2a3-2a6addca9aad",
"section_step_id":"4e8defc7-0a8c-4ace-b4aa-447143206af1"
}`;

const courseCompletedPayload = `{
"id":"95d81367-9e78-4937-a30b-77c853e89baa",
"student_id":"82121578-afda-46ca-a2db-5b5f92bbce16",
"course_id":"9c89bc86-b7ba-4223-bbab-9feb4f408370",
"checksheet_id":"e412869e-affe-403f-a006-47e6f1bfc668",
"instructor_id":"5e0435d2-d88c-45ea-a106-d91cdcc323e8",
"enroller_id":"a2efae3a-ed33-431c-ad72-aaf1bfe8f25b",
"active":true,
"created_at":"2020-05-01T13:58:26.354Z",
"updated_at":"2020-08-08T09:59:27.172Z",
"started_at":"2020-08-08T09:57:28.816Z",
"completed_at":"2020-08-08T09:57:28.816Z",
"expires_at":"2021-05-01T13:58:26.354Z",
"custom_name":null,
"student":{
"id":"82121578-afda-46ca-a2db-5b5f92bbce16",
"given_name":"Bob",
"family_name":"Example",
"email":"bob@example.com",
"locale":"en-US",
"time_zone":"Sydney",
"gravatar_url":"http://www.gravatar.com/avatar/6bed2cc82ac1538da3fc3312d424bb04"
}
}`;

const newStudentPayload = `{
"id":"82121578-afda-46ca-a2db-5b5f92bbce16",
"given_name":"Bob",
"family_name":"Example",
"email":"bob@example.com",
"locale":"en-US",
"time_zone":"Sydney",
"gravatar_url":"http://www.gravatar.com/avatar/6bed2cc82ac1538da3fc3312d424bb04"
}`;

/** What a client gets from `response.json()`: no types until the schema says so. */
function json(text: string): unknown {
  return JSON.parse(text) as unknown;
}

/** A fresh, mutable copy of a documented example, for building wrong variants from. */
function record(text: string): Record<string, unknown> {
  return JSON.parse(text) as Record<string, unknown>;
}

function first(text: string): Record<string, unknown> {
  return (JSON.parse(text) as Record<string, unknown>[])[0] as Record<string, unknown>;
}

const both = 'en, zh-TW';
const documented: [name: string, editions: string, schema: z.ZodType, text: string][] = [
  ['list courses', both, courseListSchema, courseList],
  ['show course', both, courseDetailSchema, courseDetail],
  ['update course error', both, errorHashSchema, courseUpdateError],
  ['create course error', both, errorHashSchema, courseCreateError],
  ['list checksheets', both, checksheetListSchema, checksheetList],
  ['show checksheet (user key)', both, checksheetDetailSchema, checksheetDetail],
  ['show checksheet (student key)', both, studentChecksheetDetailSchema, studentChecksheetDetail],
  ['show library item (user key)', both, libraryItemSchema, libraryItem],
  ['list students', 'en', studentListSchema, studentListEn],
  ['list students', 'zh-TW', studentListSchema, studentListZh],
  ['show student', both, studentDetailSchema, studentDetail],
  ['update student error', both, errorHashSchema, studentUpdateError],
  ['create student error', both, errorHashSchema, studentCreateError],
  ['list enrollments', both, enrollmentListSchema, enrollmentList],
  ['show enrollment', both, enrollmentDetailSchema, enrollmentDetail],
  ['update enrollment error', both, errorHashSchema, enrollmentUpdateError],
  ['create enrollment error', both, errorHashSchema, enrollmentCreateError],
  ['create enrollment and student error', both, errorHashSchema, enrollmentAndStudentCreateError],
  ['list groups', both, groupListSchema, groupList],
  ['show group', both, groupDetailSchema, groupDetail],
  ['update group error', both, errorHashSchema, groupUpdateError],
  ['create group error', both, errorHashSchema, groupCreateError],
  ['list users', both, userListSchema, userList],
  ['show user', both, userSchema, userDetail],
  ['update user error', both, errorHashSchema, userUpdateError],
  ['create user error', both, errorHashSchema, userCreateError],
  ['show answer', both, answerSchema, answer],
  ['course completed webhook', both, courseCompletedPayloadSchema, courseCompletedPayload],
  ['new student webhook', both, newStudentPayloadSchema, newStudentPayload],
];

describe('API response schemas', () => {
  describe('accept every documented example response', () => {
    it.each(documented)('%s (%s)', (_name, _editions, schema, text) => {
      const result = schema.safeParse(json(text));
      expect(result.error?.issues).toBeUndefined();
      expect(result.success).toBe(true);
    });
  });

  it('gives each resource an item schema for its list entries and a detail schema for show', () => {
    const examples = {
      courses: [courseList, courseDetail],
      checksheets: [checksheetList, checksheetDetail],
      students: [studentListEn, studentDetail],
      enrollments: [enrollmentList, enrollmentDetail],
      groups: [groupList, groupDetail],
      users: [userList, userDetail],
    } as const;
    for (const [name, [list, detail]] of Object.entries(examples)) {
      const schemas = resourceSchemas[name as keyof typeof examples];
      expect(schemas.item.safeParse(first(list)).success, `${name} item`).toBe(true);
      expect(schemas.detail.safeParse(json(detail)).success, `${name} detail`).toBe(true);
    }
  });

  it('tells the user-key and student-key checksheet shapes apart', () => {
    expect(checksheetDetailSchema.safeParse(json(studentChecksheetDetail)).success).toBe(false);
    expect(studentChecksheetDetailSchema.safeParse(json(checksheetDetail)).success).toBe(false);
  });

  it('accepts a student-key library item with the admin-only fields absent, but not with wrong types', () => {
    const full = record(libraryItem);
    const { id, title, type, content_html, asset_file_url } = full;
    const forStudent = { id, title, type, content_html, asset_file_url };
    expect(studentLibraryItemSchema.safeParse(forStudent).success).toBe(true);
    expect(studentLibraryItemSchema.safeParse(full).success).toBe(true);
    expect(libraryItemSchema.safeParse(forStudent).success).toBe(false);
    expect(studentLibraryItemSchema.safeParse({ ...forStudent, published: 'no' }).success).toBe(false);
    expect(studentLibraryItemSchema.safeParse({ type, content_html }).success).toBe(false);
  });

  it('accepts the webhook and embedded student shapes without api_key or external_id', () => {
    const detail = record(enrollmentDetail);
    const student = detail['student'] as Record<string, unknown>;
    expect(studentSchema.safeParse(student).success).toBe(true);
    expect(studentDetailSchema.safeParse(json(newStudentPayload)).success).toBe(false);
  });

  describe('reject wrong types', () => {
    it('rejects a price sent as a string', () => {
      expect(courseSchema.safeParse({ ...first(courseList), price_cents: '1000' }).success).toBe(false);
    });

    it('rejects a boolean sent as a word', () => {
      expect(enrollmentSchema.safeParse({ ...first(enrollmentList), active: 'yes' }).success).toBe(false);
    });

    it('rejects a record without an id, or with an empty one', () => {
      const { id: _id, ...withoutId } = first(studentListEn);
      expect(studentSchema.safeParse(withoutId).success).toBe(false);
      expect(studentSchema.safeParse({ ...withoutId, id: '' }).success).toBe(false);
      expect(studentSchema.safeParse({ ...withoutId, id: 42 }).success).toBe(false);
    });

    it('rejects a user role outside instructor, supervisor, manager, owner', () => {
      expect(userSchema.safeParse({ ...record(userDetail), role: 'admin' }).success).toBe(false);
      for (const role of ['instructor', 'supervisor', 'manager', 'owner']) {
        expect(userSchema.safeParse({ ...record(userDetail), role }).success).toBe(true);
      }
    });

    it('rejects an answer state outside unsubmitted, submitted, rejected, passed', () => {
      expect(answerSchema.safeParse({ ...record(answer), state: 'graded' }).success).toBe(false);
      const unsubmitted = { ...record(answer), state: 'unsubmitted', pass_at: null, answered_at: null };
      expect(answerSchema.safeParse(unsubmitted).success).toBe(true);
    });

    it('rejects timestamps that are not ISO-8601, and accepts ones with an offset', () => {
      const enrollment = first(enrollmentList);
      expect(enrollmentSchema.safeParse({ ...enrollment, created_at: 'yesterday' }).success).toBe(false);
      expect(enrollmentSchema.safeParse({ ...enrollment, created_at: '2020-05-01' }).success).toBe(false);
      expect(enrollmentSchema.safeParse({ ...enrollment, created_at: 1588341506354 }).success).toBe(false);
      expect(enrollmentSchema.safeParse({ ...enrollment, created_at: '2020-05-01T23:58:26.354+10:00' }).success).toBe(true);
    });

    it('rejects null where the docs never show null, and accepts it where they do', () => {
      const course = first(courseList);
      expect(courseSchema.safeParse({ ...course, name: null }).success).toBe(false);
      expect(courseSchema.safeParse({ ...course, course_image: null, prerequisite_course_id: null }).success).toBe(true);
      expect(courseSchema.safeParse({ ...course, course_image: 'how-to-use.jpg' }).success).toBe(false);
      const image = course['course_image'] as Record<string, unknown>;
      const badImage = { ...image, metadata: { ...(image['metadata'] as object), size: '30146' } };
      expect(courseSchema.safeParse({ ...course, course_image: badImage }).success).toBe(false);
    });

    it('rejects wrongly typed nested records', () => {
      const group = record(groupDetail);
      const enrollments = group['enrollments'] as Record<string, unknown>[];
      const badEnrollment = { ...enrollments[0], completed_at: false };
      expect(groupDetailSchema.safeParse({ ...group, enrollments: [badEnrollment] }).success).toBe(false);
      expect(enrollmentDetailSchema.safeParse({ ...record(enrollmentDetail), student: null }).success).toBe(false);
      expect(stepSchema.safeParse({ ...first(checksheetDetailSteps()), points: '5' }).success).toBe(false);
    });

    it('rejects an error hash whose messages are not lists of strings', () => {
      expect(errorHashSchema.safeParse({ errors: { name: "can't be blank" } }).success).toBe(false);
      expect(errorHashSchema.safeParse({ message: 'Unable to save enrollment' }).success).toBe(false);
    });
  });

  describe('keep unknown fields', () => {
    it('keeps fields the docs do not list, at the top level and nested', () => {
      const course = { ...record(courseDetail), marketing_copy_html: '<p>Buy this course today!</p>' };
      const parsed = courseDetailSchema.parse(course);
      expect(parsed).toMatchObject({ marketing_copy_html: '<p>Buy this course today!</p>' });

      const detail = record(enrollmentDetail);
      const withExtras = { ...detail, student: { ...(detail['student'] as object), student_account_id: 'acct-1' } };
      expect(enrollmentDetailSchema.parse(withExtras).student).toMatchObject({ student_account_id: 'acct-1' });
    });

    it('keeps step data of step types the docs do not describe', () => {
      const step = { ...first(checksheetDetailSteps()), type: 'Steps::SequenceItems', data: { items: ['Item 1', 'Item 2'] } };
      expect(stepSchema.parse(step).data).toEqual({ items: ['Item 1', 'Item 2'] });
    });

    it('parses every documented example to an equal value', () => {
      for (const [, , schema, text] of documented) {
        expect(schema.parse(json(text))).toEqual(json(text));
      }
    });
  });
});

/** The flat step objects of the user-key checksheet example, as JSON text. */
function checksheetDetailSteps(): string {
  const sheet = record(checksheetDetail);
  const sections = sheet['sections'] as Record<string, unknown>[];
  return JSON.stringify((sections[0] as Record<string, unknown>)['section_steps']);
}
