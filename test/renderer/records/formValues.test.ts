import { describe, expect, it } from 'vitest';
import { apiFields, errorsFor, otherErrors } from '../../../src/renderer/src/records/formValues';
import { createFields } from '../../../src/renderer/src/records/recordFields';

describe('a form’s values as the API takes them', () => {
  it('sends only what was filled in, each in its type', () => {
    const fields = apiFields(createFields('enrollments'), {
      course_id: 'c-1',
      instructor_id: 'u-1',
      student_email: '  ann@example.org ',
      student_given_name: 'Ann',
      student_family_name: '',
      send_enrollment_notification: 'false',
      group_ids: ['g-1', 'g-2'],
      student_password: ' secret ',
    });
    expect(fields).toEqual({
      course_id: 'c-1',
      instructor_id: 'u-1',
      student_email: 'ann@example.org',
      student_given_name: 'Ann',
      send_enrollment_notification: false,
      group_ids: ['g-1', 'g-2'],
      // A password is sent exactly as typed.
      student_password: ' secret ',
    });
  });

  it('turns a price into cents, and leaves a bad one for the back end to name', () => {
    expect(apiFields(createFields('courses'), { price_cents: '19.99' })).toEqual({ price_cents: 1999 });
    expect(apiFields(createFields('courses'), { price_cents: 'free' })).toEqual({ price_cents: 'free' });
  });

  it('leaves an untouched flag to the server', () => {
    expect(apiFields(createFields('users'), { unsubscribed: '' })).toEqual({});
  });
});

describe('the back end’s messages by field', () => {
  it('puts a price’s errors next to the price, and keeps the rest for the summary', () => {
    const errors = { price: ['is not a number'], name: ["can't be blank"], base: ['Something else'] };
    expect(errorsFor('price_cents', errors)).toEqual(['is not a number']);
    expect(errorsFor('name', errors)).toEqual(["can't be blank"]);
    expect(otherErrors(['name', 'price_cents'], errors)).toEqual({ base: ['Something else'] });
    expect(otherErrors(['name', 'price_cents', 'base'], errors)).toBeUndefined();
  });
});
