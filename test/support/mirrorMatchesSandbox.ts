// Compares an account's mirror with what the sandbox holds, record for record, as the API would
// serve it: every list, every checksheet's sections and steps, group members, library items.
import { expect } from 'vitest';
import type { MirrorStore } from '../../src/main/store/MirrorStore';
import { MIRROR_RESOURCES, type MirrorResource } from '../../src/main/store/mirrorColumns';
import type { ChecksheetDoc, CourseDoc, EnrollmentDoc, GroupDoc, StudentDoc, UserDoc } from '../../src/sandbox/model';
import { checksheetDetailJson, checksheetJson, courseJson, enrollmentJson, groupJson, libraryItemJson, studentJson, userJson } from '../../src/sandbox/serializers';
import type { Sandbox } from '../../src/sandbox/server';

type Json = Record<string, unknown>;

function serverRecords(sandbox: Sandbox, resource: MirrorResource): Json[] {
  const { store, org } = sandbox;
  const all = <T>() => store.list<T>(resource, org.id, Number.MAX_SAFE_INTEGER, 0);
  switch (resource) {
    case 'courses':
      return all<CourseDoc>().map(courseJson);
    case 'checksheets':
      return all<ChecksheetDoc>().map(checksheetJson);
    case 'students':
      return all<StudentDoc>().map(studentJson);
    case 'enrollments':
      return all<EnrollmentDoc>().map(enrollmentJson);
    case 'groups':
      return all<GroupDoc>().map(groupJson);
    case 'users':
      return all<UserDoc>().map(userJson);
  }
}

const byId = (records: Json[]) => new Map(records.map((r) => [r['id'] as string, r]));

export function expectMirrorMatchesSandbox(mirror: MirrorStore, sandbox: Sandbox): void {
  for (const resource of MIRROR_RESOURCES) {
    const server = byId(serverRecords(sandbox, resource));
    const local = byId([...mirror.records(resource)]);
    expect([...local.keys()].sort(), `${resource}: the same records`).toEqual([...server.keys()].sort());
    for (const [id, record] of server) expect(local.get(id), `${resource} ${id}`).toEqual(record);
  }

  const noShuffle = () => 0;
  const referenced = new Set<string>();
  for (const sheet of sandbox.store.list<ChecksheetDoc>('checksheets', sandbox.org.id, Number.MAX_SAFE_INTEGER, 0)) {
    const detail = checksheetDetailJson(sandbox.store, sheet, 'admin', noShuffle);
    expect(mirror.checksheetDetail(sheet.id), `checksheet ${sheet.id} sections and steps`).toEqual(detail);
    for (const section of detail.sections) {
      for (const step of section.section_steps) if ('library_item_id' in step && step.library_item_id) referenced.add(step.library_item_id);
    }
  }
  for (const id of referenced) {
    const item = sandbox.store.libraryItem(sandbox.org.id, id);
    expect(mirror.get('library_items', id), `library item ${id}`).toEqual(item ? libraryItemJson(item) : undefined);
  }
  expect(mirror.count('library_items')).toBe(referenced.size);

  for (const group of sandbox.store.list<GroupDoc>('groups', sandbox.org.id, Number.MAX_SAFE_INTEGER, 0)) {
    const members = sandbox.store.enrollmentsOfGroup(group.id).map((e) => e.id).sort();
    expect(mirror.groupMembers(group.id), `members of group ${group.id}`).toEqual(members);
  }
}
