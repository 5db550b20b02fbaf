// Every endpoint of the Enlight API v1, as both documents list them.
import type { Handler } from './http/context';
import { showAnswer, submitAnswer } from './endpoints/answers';
import { listChecksheets, showChecksheet, showLibraryItem } from './endpoints/checksheets';
import { cancelCourse, createCourse, listCourses, showCourse, updateCourse } from './endpoints/courses';
import { cancelEnrollment, createEnrollment, listEnrollments, showEnrollment, updateEnrollment } from './endpoints/enrollments';
import { createGroup, deleteGroup, listGroups, showGroup, updateGroup } from './endpoints/groups';
import { createStudent, listStudents, showStudent, updateStudent } from './endpoints/students';
import { createUser, deleteUser, listUsers, showUser, updateUser } from './endpoints/users';
import type { ListedResource } from './store';

export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Path segments after /api/v1; ':id' matches one segment. */
  path: string;
  handler: Handler;
  /** Whether a student's key may call it (everything else needs a user's key). */
  student?: boolean;
  /** Set on paged lists: the resource the chaos drift changes while someone pages. */
  list?: ListedResource;
}

export const ROUTES: Route[] = [
  { method: 'GET', path: 'courses', handler: listCourses, list: 'courses' },
  { method: 'POST', path: 'courses', handler: createCourse },
  { method: 'GET', path: 'courses/:id', handler: showCourse },
  { method: 'PATCH', path: 'courses/:id', handler: updateCourse },
  { method: 'PUT', path: 'courses/:id', handler: updateCourse },
  { method: 'DELETE', path: 'courses/:id', handler: cancelCourse },

  { method: 'GET', path: 'checksheets', handler: listChecksheets, list: 'checksheets' },
  { method: 'GET', path: 'checksheets/:id', handler: showChecksheet, student: true },

  { method: 'GET', path: 'library_items/:id', handler: showLibraryItem, student: true },

  { method: 'GET', path: 'students', handler: listStudents, list: 'students' },
  { method: 'POST', path: 'students', handler: createStudent },
  { method: 'GET', path: 'students/:id', handler: showStudent },
  { method: 'PATCH', path: 'students/:id', handler: updateStudent },
  { method: 'PUT', path: 'students/:id', handler: updateStudent },

  { method: 'GET', path: 'enrollments', handler: listEnrollments, list: 'enrollments' },
  { method: 'POST', path: 'enrollments', handler: createEnrollment },
  { method: 'GET', path: 'enrollments/:id', handler: showEnrollment },
  { method: 'PATCH', path: 'enrollments/:id', handler: updateEnrollment },
  { method: 'PUT', path: 'enrollments/:id', handler: updateEnrollment },
  { method: 'DELETE', path: 'enrollments/:id', handler: cancelEnrollment },

  { method: 'GET', path: 'groups', handler: listGroups, list: 'groups' },
  { method: 'POST', path: 'groups', handler: createGroup },
  { method: 'GET', path: 'groups/:id', handler: showGroup },
  { method: 'PATCH', path: 'groups/:id', handler: updateGroup },
  { method: 'PUT', path: 'groups/:id', handler: updateGroup },
  { method: 'DELETE', path: 'groups/:id', handler: deleteGroup },

  { method: 'GET', path: 'users', handler: listUsers, list: 'users' },
  { method: 'POST', path: 'users', handler: createUser },
  { method: 'GET', path: 'users/:id', handler: showUser },
  { method: 'PATCH', path: 'users/:id', handler: updateUser },
  { method: 'PUT', path: 'users/:id', handler: updateUser },
  { method: 'DELETE', path: 'users/:id', handler: deleteUser },

  { method: 'POST', path: 'answer', handler: submitAnswer, student: true },
  { method: 'GET', path: 'answer', handler: showAnswer, student: true },
];

export interface RouteMatch {
  route: Route;
  params: string[];
}

/** Finds the route for a path below /api/v1. A known path with another method answers 404, as Rails does. */
export function matchRoute(method: string, segments: string[]): RouteMatch | undefined {
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const parts = route.path.split('/');
    if (parts.length !== segments.length) continue;
    const params: string[] = [];
    const matches = parts.every((part, i) => {
      const segment = segments[i] ?? '';
      if (part === ':id') {
        params.push(segment);
        return segment !== '';
      }
      return part === segment;
    });
    if (matches) return { route, params };
  }
  return undefined;
}
