import type { InviteRole } from '$shared/roles';
import { apiRequest } from '../api/http';

// The exercise's rubric and interview questions: staff material, fetched apart from the log
// (it is not in the session's events, so the candidate can never receive it).

export interface RubricCriterion {
  id: string;
  title: string;
  group: 'hard' | 'soft';
  anchors: { '1': string; '3': string; '5': string };
}

export interface InterviewQuestion {
  id: string;
  text: string;
}

export interface StaffMaterial {
  rubric: RubricCriterion[];
  questions: InterviewQuestion[];
}

export function fetchStaffMaterial(sessionId: string, role: InviteRole): Promise<StaffMaterial> {
  const query = role === 'interviewer' || role === 'reviewer' ? `?role=${role}` : '';
  return apiRequest<StaffMaterial>(`/api/sessions/${encodeURIComponent(sessionId)}/staff-material${query}`);
}
