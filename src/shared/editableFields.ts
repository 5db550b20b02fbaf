// What the API lets each resource change: the fields of a create and of an update, which are
// required, and which resources can be deleted. Shared, so the screens offer only edits the
// back end (src/main/outbox/editRules.ts) will queue.

export const EDIT_RESOURCES = ['courses', 'students', 'enrollments', 'groups', 'users'] as const;
export type EditResource = (typeof EDIT_RESOURCES)[number];
export type EditKind = 'create' | 'update' | 'delete';

export const LOCALES = ['en-US', 'en-GB', 'es-ES', 'es-MX'] as const;
export const ROLES = ['instructor', 'supervisor', 'manager', 'owner'] as const;

/** Fields each resource accepts, on create and on update. */
export const FIELDS: Record<EditResource, { create: readonly string[]; update: readonly string[] }> = {
  courses: {
    create: ['name', 'summary', 'marketing_copy_html', 'completion_information_html', 'multiple_sign_ups', 'purchasable', 'advertised', 'price_cents', 'price_currency', 'instructor_id', 'prerequisite_course_id'],
    update: ['name', 'summary', 'marketing_copy_html', 'completion_information_html', 'multiple_sign_ups', 'purchasable', 'advertised', 'price_cents', 'price_currency', 'instructor_id', 'prerequisite_course_id'],
  },
  students: {
    create: ['given_name', 'family_name', 'email', 'company_name', 'external_id', 'student_account_id', 'time_zone', 'locale', 'force_accept_invitation', 'assigned_password', 'language', 'cancel_legacy_system', 'lock'],
    update: ['given_name', 'family_name', 'email', 'company_name', 'external_id', 'student_account_id', 'time_zone', 'locale', 'force_accept_invitation', 'assigned_password', 'language', 'cancel_legacy_system', 'lock'],
  },
  enrollments: {
    create: [
      'course_id', 'instructor_id', 'student_id', 'send_enrollment_notification', 'group_ids',
      'student_email', 'student_given_name', 'student_family_name', 'student_external_id', 'student_password', 'student_locale', 'student_account_id', 'student_cancel_legacy_system',
    ],
    // The documents: "you can only update the instructor and expiry date on an enrollment".
    update: ['instructor_id', 'expires_at'],
  },
  groups: { create: ['name'], update: ['name'] },
  users: {
    create: ['given_name', 'family_name', 'email', 'role', 'locale', 'unsubscribed'],
    update: ['given_name', 'family_name', 'email', 'role', 'locale', 'unsubscribed'],
  },
};

export const REQUIRED: Record<EditResource, readonly string[]> = {
  courses: ['name', 'summary', 'marketing_copy_html', 'completion_information_html'],
  students: ['given_name', 'family_name', 'email'],
  enrollments: ['course_id', 'instructor_id'],
  groups: ['name'],
  users: ['given_name', 'family_name', 'email', 'role'],
};

export function canDelete(resource: EditResource): boolean {
  // Students have no DELETE in the API.
  return resource !== 'students';
}

