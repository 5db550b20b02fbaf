// The records the sandbox keeps. Fields named as the API names them; fields starting with an
// underscore are kept but never served (write-only attributes such as a student's password).

export interface Org {
  id: string;
  subdomain: string;
  name: string;
  is_default: number;
}

export interface FileData {
  id: string;
  storage: string;
  metadata: { md5: string; size: number; filename: string; mime_type: string };
}

export interface CourseDoc {
  id: string;
  name: string;
  summary: string;
  course_image: FileData | null;
  multiple_sign_ups: boolean;
  purchasable: boolean;
  advertised: boolean;
  price_cents: number;
  price_currency: string;
  instructor_id: string | null;
  prerequisite_course_id: string | null;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
  _marketing_copy_html: string;
  _completion_information_html: string;
  _deleted_at?: string | null;
}

export interface ChecksheetDoc {
  id: string;
  course_id: string;
  version: number;
  current_checksheet: boolean;
  published: boolean;
  created_at: string;
  updated_at: string;
}

export interface SectionDoc {
  id: string;
  checksheet_id: string;
  name: string;
  label: string | null;
  final: boolean;
  sequence: number;
  created_at: string;
  updated_at: string;
}

export type StepData = Record<string, unknown>;

export interface StepDoc {
  id: string;
  content_html: string | null;
  conditional: boolean;
  label: string | null;
  needs_attachment: boolean;
  number_of_items: number | null;
  points: number;
  title: string;
  type: string;
  created_at: string;
  updated_at: string;
  library_item_id: string | null;
  organisation_id: string;
  target_course_id: string | null;
  archived_at: string | null;
  answer_html: string | null;
  reject_duplicate_attempts: boolean;
  suggested_response: string | null;
  cloned_from_step_id: string | null;
  data: StepData;
}

export interface SectionStepDoc {
  id: string;
  section_id: string;
  step_id: string;
  sequence: number;
  list_source_step: string | null;
  possible_reference_section_step_ids: string[];
}

export interface LibraryItemDoc {
  id: string;
  author: string | null;
  title: string;
  intro_html: string | null;
  content_html: string | null;
  kind: string | null;
  duration: number | null;
  asset_host: string;
  asset_file_url: string | null;
  asset_file_data: FileData | null;
  video_captions: string | null;
  type: string;
  visibility: string;
  provide_download_link: boolean;
  show_in_library: boolean;
  published: boolean;
  feature_in_top_resources: boolean;
  public_access_key: string;
  created_at: string;
  updated_at: string;
}

export interface StudentDoc {
  id: string;
  given_name: string;
  family_name: string;
  email: string;
  company_name: string | null;
  external_id: string | null;
  locale: string;
  time_zone: string;
  gravatar_url: string;
  created_at: string;
  updated_at: string;
  _student_account_id?: string | null;
  _language?: string | null;
  _locked?: boolean;
  _verified?: boolean;
  _has_password?: boolean;
  _cancel_legacy_system?: boolean;
}

export interface EnrollmentDoc {
  id: string;
  student_id: string;
  course_id: string;
  checksheet_id: string | null;
  instructor_id: string | null;
  enroller_id: string | null;
  active: boolean;
  created_at: string;
  updated_at: string;
  started_at: string | null;
  completed_at: string | null;
  expires_at: string | null;
  custom_name: string | null;
}

export interface GroupDoc {
  id: string;
  name: string;
  created_at: string;
  updated_at: string;
}

export const USER_ROLES = ['instructor', 'supervisor', 'manager', 'owner'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export interface UserDoc {
  id: string;
  given_name: string;
  family_name: string;
  email: string;
  locale: string;
  role: UserRole;
  unsubscribed: boolean;
  created_at: string;
  updated_at: string;
}

export const ANSWER_STATES = ['unsubmitted', 'submitted', 'rejected', 'passed'] as const;
export type AnswerState = (typeof ANSWER_STATES)[number];

export interface AnswerDoc {
  id: string;
  enrollment_id: string;
  section_step_id: string;
  state: AnswerState;
  points: number;
  pass_at: string | null;
  answered_at: string | null;
  created_at: string;
  updated_at: string;
  _content?: unknown;
}

/** The locales the API documents for students (and which the sandbox also applies to users). */
export const LOCALES = ['en-US', 'en-GB', 'es-ES', 'es-MX'] as const;
