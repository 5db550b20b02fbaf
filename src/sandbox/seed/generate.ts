// Generated records that look real: people from several languages, courses with checksheets
// using every step type, library items reached through steps, enrollments in every state.
// The same generator serves seeding at any scale and the chaos drift's "another admin" edits.
import { createHash, randomUUID } from 'node:crypto';
import { STEP_TYPES } from '../endpoints/answers';
import { gravatarUrl } from '../endpoints/students';
import { LOCALES, type ChecksheetDoc, type CourseDoc, type EnrollmentDoc, type FileData, type GroupDoc, type LibraryItemDoc, type StepDoc, type StudentDoc, type UserDoc, type UserRole } from '../model';
import type { SandboxStore } from '../store';
import { COMPANIES, COURSE_LEVELS, COURSE_TOPICS, FAMILY_NAMES, GIVEN_NAMES, GROUP_WORDS, TIME_ZONES, type Name } from './names';

const DAY = 24 * 3600 * 1000;

export class Generator {
  private serial = 0;

  constructor(
    readonly store: SandboxStore,
    readonly orgId: string,
    readonly random: () => number,
    readonly now: Date,
    /** Added to generated email addresses so that two organisations never share one. */
    readonly emailDomain = 'example.org',
  ) {}

  newKey(): string {
    return randomUUID();
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)] as T;
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  /** A moment between `fromDaysAgo` and `toDaysAgo` days before now (negative for the future). */
  when(fromDaysAgo: number, toDaysAgo: number): Date {
    return new Date(this.now.getTime() - (toDaysAgo + (fromDaysAgo - toDaysAgo) * this.random()) * DAY);
  }

  private uniqueEmail(given: Name, family: Name): string {
    this.serial++;
    return `${given.ascii}.${family.ascii}${this.serial}@${this.emailDomain}`;
  }

  student(createdAt = this.when(1000, 0)): { doc: StudentDoc; apiKey: string } {
    const given = this.pick(GIVEN_NAMES);
    const family = this.pick(FAMILY_NAMES);
    const email = this.uniqueEmail(given, family);
    const iso = createdAt.toISOString();
    const doc: StudentDoc = {
      id: randomUUID(),
      given_name: given.text,
      family_name: family.text,
      email,
      company_name: this.chance(0.6) ? this.pick(COMPANIES) : null,
      external_id: this.chance(0.5) ? String(10000 + Math.floor(this.random() * 900000)) : null,
      locale: this.pick(LOCALES),
      time_zone: this.pick(TIME_ZONES),
      gravatar_url: gravatarUrl(email),
      created_at: iso,
      updated_at: iso,
    };
    return { doc, apiKey: randomUUID() };
  }

  user(role: UserRole): { doc: UserDoc; apiKey: string } {
    const given = this.pick(GIVEN_NAMES);
    const family = this.pick(FAMILY_NAMES);
    const iso = this.when(1500, 30).toISOString();
    return {
      doc: {
        id: randomUUID(),
        given_name: given.text,
        family_name: family.text,
        email: this.uniqueEmail(given, family).replace('@', '.staff@'),
        locale: this.pick(LOCALES),
        role,
        unsubscribed: this.chance(0.1),
        created_at: iso,
        updated_at: iso,
      },
      apiKey: randomUUID(),
    };
  }

  group(): GroupDoc {
    const iso = this.when(900, 0).toISOString();
    this.serial++;
    const word = this.pick(GROUP_WORDS);
    const name = word === 'Class of' ? `Class of ${2018 + (this.serial % 9)} · ${this.serial}` : `${word} ${this.serial}`;
    return { id: randomUUID(), name, created_at: iso, updated_at: iso };
  }

  courseName(): string {
    for (let attempt = 0; attempt < 20; attempt++) {
      const name = `${this.pick(COURSE_TOPICS)} ${this.pick(COURSE_LEVELS)}`;
      if (!this.store.courseIdByName(this.orgId, name)) return name;
    }
    this.serial++;
    return `${this.pick(COURSE_TOPICS)} ${this.pick(COURSE_LEVELS)} ${this.serial}`;
  }

  course(instructorIds: readonly string[]): CourseDoc {
    const name = this.courseName();
    const created = this.when(1500, 60);
    const price = this.chance(0.4) ? 0 : Math.round(this.random() * 40) * 500;
    return {
      id: randomUUID(),
      name,
      summary: `Everything a team member needs to know about ${name.toLowerCase()}.`,
      course_image: this.chance(0.7) ? imageFor(name) : null,
      multiple_sign_ups: this.chance(0.15),
      purchasable: price > 0,
      advertised: this.chance(0.5),
      price_cents: price,
      price_currency: this.pick(['USD', 'AUD', 'TWD', 'EUR']),
      instructor_id: instructorIds.length ? this.pick(instructorIds) : null,
      prerequisite_course_id: null,
      archived_at: this.chance(0.05) ? this.when(200, 1).toISOString() : null,
      created_at: created.toISOString(),
      updated_at: this.when(60, 0).toISOString(),
      _marketing_copy_html: `<p>Enrol in <strong>${escapeHtml(name)}</strong> today.</p>`,
      _completion_information_html: '<p>Well done on completing your course!</p>',
    };
  }

  libraryItem(): LibraryItemDoc {
    const type = this.pick(['Pdf', 'Video', 'Audio', 'Document', 'Link']);
    const id = randomUUID();
    const iso = this.when(1200, 10).toISOString();
    const ext = { Pdf: 'pdf', Video: 'mp4', Audio: 'mp3', Document: 'docx', Link: 'html' }[type] ?? 'bin';
    const filename = `${this.pick(COURSE_TOPICS).toLowerCase().replace(/\s+/g, '-')}.${ext}`;
    const path = `libraryitems/${type.toLowerCase()}/${id}/asset_file/${md5(id)}.${ext}`;
    return {
      id,
      author: this.chance(0.5) ? `${this.pick(GIVEN_NAMES).text} ${this.pick(FAMILY_NAMES).text}` : null,
      title: `${this.pick(COURSE_TOPICS)} ${this.pick(['Guide', 'Handbook', 'Checklist', 'Walkthrough', 'Briefing'])}`,
      intro_html: this.chance(0.5) ? '<p>Read this before your next shift.</p>' : null,
      content_html: null,
      kind: null,
      duration: type === 'Video' || type === 'Audio' ? 60 + Math.floor(this.random() * 1800) : null,
      asset_host: 'https://assets.sandbox.enlight.invalid',
      asset_file_url: type === 'Link' ? null : `https://files.sandbox.enlight.invalid/uploads/${path}`,
      asset_file_data:
        type === 'Link'
          ? null
          : { id: path, storage: 'store', metadata: { md5: md5(path), size: 10_000 + Math.floor(this.random() * 5_000_000), filename, mime_type: mimeOf(ext) } },
      video_captions: null,
      type,
      visibility: this.pick(['members', 'members', 'public', 'staff']),
      provide_download_link: this.chance(0.7),
      show_in_library: this.chance(0.8),
      published: this.chance(0.85),
      feature_in_top_resources: this.chance(0.1),
      public_access_key: createHash('sha256').update(id).digest('hex'),
      created_at: iso,
      updated_at: iso,
    };
  }

  /** Writes a checksheet with 2–4 sections of steps drawn from every step type. */
  insertChecksheet(course: CourseDoc, version: number, current: boolean, libraryItemIds: readonly string[]): ChecksheetDoc {
    const iso = new Date(Math.max(new Date(course.created_at).getTime(), this.now.getTime() - 400 * DAY * (2 - version))).toISOString();
    const checksheet: ChecksheetDoc = { id: randomUUID(), course_id: course.id, version, current_checksheet: current, published: true, created_at: iso, updated_at: iso };
    this.store.insertChecksheet(this.orgId, checksheet);
    const sectionCount = 2 + Math.floor(this.random() * 3);
    const sectionStepIds: string[] = [];
    for (let s = 1; s <= sectionCount; s++) {
      const sectionId = randomUUID();
      this.store.insertSection(this.orgId, {
        id: sectionId,
        checksheet_id: checksheet.id,
        name: `Section ${s}`,
        label: null,
        final: s === sectionCount,
        sequence: s,
        created_at: iso,
        updated_at: iso,
      });
      const stepCount = 2 + Math.floor(this.random() * 4);
      for (let n = 1; n <= stepCount; n++) {
        const type = this.pick(STEP_TYPES);
        const step = this.step(type, iso, libraryItemIds);
        this.store.insertStep(this.orgId, step);
        const sectionStepId = randomUUID();
        this.store.insertSectionStep(this.orgId, {
          id: sectionStepId,
          section_id: sectionId,
          step_id: step.id,
          sequence: n,
          list_source_step: null,
          possible_reference_section_step_ids: sectionStepIds.slice(-3),
        });
        sectionStepIds.push(sectionStepId);
      }
    }
    return checksheet;
  }

  step(type: string, iso: string, libraryItemIds: readonly string[]): StepDoc {
    const title = type.replace('Steps::', '').replace(/([a-z])([A-Z])/g, '$1 $2');
    const libraryItemId = type === 'Steps::Reference' && libraryItemIds.length ? this.pick(libraryItemIds) : null;
    return {
      id: randomUUID(),
      content_html: `<p>${escapeHtml(title)}: ${escapeHtml(this.pick(COURSE_TOPICS))}</p>`,
      conditional: false,
      label: null,
      needs_attachment: type === 'Steps::Assignment',
      number_of_items: type === 'Steps::List' ? 3 : null,
      points: type === 'Steps::Information' || type === 'Steps::Reference' ? 0 : 5,
      title,
      type,
      created_at: iso,
      updated_at: iso,
      library_item_id: libraryItemId,
      organisation_id: this.orgId,
      target_course_id: null,
      archived_at: null,
      answer_html: type === 'Steps::Question' ? '<p>A good answer names the hazard and the control.</p>' : null,
      reject_duplicate_attempts: false,
      suggested_response: type === 'Steps::Question' ? 'Thank you for your answer' : null,
      cloned_from_step_id: null,
      data: stepData(type),
    };
  }

  /**
   * An enrollment in one of its life's states: not started, in progress, completed, expired, or
   * cancelled. Dates are consistent (created ≤ started ≤ completed; expiry a year after creation).
   */
  enrollment(
    studentId: string,
    course: CourseDoc,
    checksheetId: string | null,
    instructorId: string | null,
    enrollerId: string | null,
    notBefore = new Date(0),
  ): EnrollmentDoc {
    const earliest = Math.max(notBefore.getTime(), this.now.getTime() - 720 * DAY);
    const created = new Date(earliest + this.random() * (this.now.getTime() - earliest));
    const expires = new Date(created.getTime() + 365 * DAY);
    const roll = this.random();
    const started = roll < 0.15 ? null : new Date(created.getTime() + this.random() * Math.min(60 * DAY, this.now.getTime() - created.getTime()));
    let completed: Date | null = null;
    if (started && roll > 0.55) {
      const end = Math.min(this.now.getTime(), expires.getTime());
      completed = new Date(started.getTime() + this.random() * Math.max(0, end - started.getTime()));
    }
    const cancelled = this.chance(0.05);
    const updated = new Date(Math.max(created.getTime(), started?.getTime() ?? 0, completed?.getTime() ?? 0));
    return {
      id: randomUUID(),
      student_id: studentId,
      course_id: course.id,
      checksheet_id: checksheetId,
      instructor_id: instructorId,
      enroller_id: enrollerId,
      active: !cancelled,
      created_at: created.toISOString(),
      updated_at: updated.toISOString(),
      started_at: started?.toISOString() ?? null,
      completed_at: completed?.toISOString() ?? null,
      expires_at: expires.toISOString(),
      custom_name: this.chance(0.03) ? `${course.name} (custom)` : null,
    };
  }
}

function stepData(type: string): Record<string, unknown> {
  switch (type) {
    case 'Steps::MultipleChoice':
      return {
        choices: [{ name: 'Stop work and report it', correct: '1' }, { name: 'Carry on carefully' }, { name: 'Wait for someone else to notice' }],
        persist_order: false,
        selection_type: 'single',
      };
    case 'Steps::SequenceItems':
      return { items: [{ name: 'Assess the scene' }, { name: 'Make it safe' }, { name: 'Call for help' }] };
    case 'Steps::Rating':
    case 'Steps::NoteAndRating':
      return { scale: 5 };
    case 'Steps::Survey':
      return { questions: ['How useful was this section?', 'What would you change?'] };
    default:
      return {};
  }
}

function imageFor(name: string): FileData {
  const id = `course/${md5(name).slice(0, 8)}/course_image/${md5(name)}.jpg`;
  return { id, storage: 'store', metadata: { md5: md5(id), size: 20_000 + (name.length * 997) % 50_000, filename: `${name.toLowerCase().replace(/\W+/g, '-')}.jpg`, mime_type: 'image/jpeg' } };
}

function mimeOf(ext: string): string {
  return { pdf: 'application/pdf', mp4: 'video/mp4', mp3: 'audio/mpeg', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }[ext] ?? 'application/octet-stream';
}

function md5(text: string): string {
  return createHash('md5').update(text).digest('hex');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}
