import type { Point, Polygon } from './polygon.js';

/**
 * Privacy masks (issue 9 item 4; DOM-2, WEL-4, SOE-8): the rules, as pure functions. A camera's
 * mask is a versioned set of named polygons; every change is a new version (history is never
 * deleted). A lift shows what the masks hide, to one viewer for one view session or to the
 * exports of one case, for a stated reason and a limited time.
 */
export interface MaskPolygon {
  name: string;
  points: Point[];
}

export interface MaskVersion {
  cameraId: string;
  version: number;
  polygons: MaskPolygon[];
  reason: string;
  createdAt: string;
  createdBy: string;
}

export interface Lift {
  id: string;
  cameraId: string;
  userId: string;
  username: string;
  viewSessionId: string | null;
  caseRef: string | null;
  reason: string;
  startedAt: string;
  expiresAt: string;
  endedAt: string | null;
}

/** Who is about to see footage: a viewer in a view session, or an export of a case. */
export interface MaskContext {
  userId?: string | null;
  viewSessionId?: string | null;
  caseRef?: string | null;
}

export const maskLimits = {
  maxPolygons: 16,
  maxCorners: 32,
  maxNameLength: 80,
  minReasonLength: 5,
  maxReasonLength: 500,
  /** Smallest area a polygon may have (share of the frame): a line or a point hides nothing. */
  minArea: 0.00001,
  maxLiftMinutes: 8 * 60,
} as const;

export interface Problem {
  field: string;
  en: string;
  nl: string;
}

/** The polygon's area as a share of the frame (shoelace formula). */
export function polygonArea(polygon: Polygon): number {
  let sum = 0;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) sum += (polygon[j]!.x + polygon[i]!.x) * (polygon[j]!.y - polygon[i]!.y);
  return Math.abs(sum) / 2;
}

/** Every problem of a proposed mask set, each with its field path and a message in Dutch and English. */
export function maskSetProblems(polygons: readonly MaskPolygon[]): Problem[] {
  const problems: Problem[] = [];
  if (polygons.length > maskLimits.maxPolygons) {
    problems.push({ field: 'polygons', en: `At most ${maskLimits.maxPolygons} polygons per camera`, nl: `Hoogstens ${maskLimits.maxPolygons} maskers per camera` });
  }
  const names = new Set<string>();
  polygons.forEach((polygon, i) => {
    const at = `polygons[${i}]`;
    const name = polygon.name.trim();
    if (!name) problems.push({ field: `${at}.name`, en: 'Give the mask a name (e.g. "window no. 12")', nl: 'Geef het masker een naam (bijv. "raam nr. 12")' });
    else if (name.length > maskLimits.maxNameLength) problems.push({ field: `${at}.name`, en: `A name has at most ${maskLimits.maxNameLength} characters`, nl: `Een naam heeft hoogstens ${maskLimits.maxNameLength} tekens` });
    else if (names.has(name.toLowerCase())) problems.push({ field: `${at}.name`, en: `Two masks are called "${name}"`, nl: `Twee maskers heten "${name}"` });
    names.add(name.toLowerCase());
    if (polygon.points.length < 3) {
      problems.push({ field: `${at}.points`, en: 'A mask needs at least 3 corners', nl: 'Een masker heeft minstens 3 hoekpunten' });
      return;
    }
    if (polygon.points.length > maskLimits.maxCorners) {
      problems.push({ field: `${at}.points`, en: `A mask has at most ${maskLimits.maxCorners} corners`, nl: `Een masker heeft hoogstens ${maskLimits.maxCorners} hoekpunten` });
    }
    let outside = false;
    polygon.points.forEach((p, k) => {
      for (const axis of ['x', 'y'] as const) {
        const v = p[axis];
        if (!Number.isFinite(v) || v < 0 || v > 1) {
          outside = true;
          problems.push({ field: `${at}.points[${k}].${axis}`, en: `${axis} must lie between 0 and 1 (a share of the picture's ${axis === 'x' ? 'width' : 'height'})`, nl: `${axis} moet tussen 0 en 1 liggen (een deel van de ${axis === 'x' ? 'breedte' : 'hoogte'} van het beeld)` });
        }
      }
    });
    if (!outside && polygonArea(polygon.points) < maskLimits.minArea) {
      problems.push({ field: `${at}.points`, en: 'The corners lie on one line: the mask covers nothing', nl: 'De hoekpunten liggen op één lijn: het masker bedekt niets' });
    }
  });
  return problems;
}

export function reasonProblem(reason: string, field = 'reason'): Problem | null {
  const text = reason.trim();
  if (text.length < maskLimits.minReasonLength) return { field, en: `State a reason (at least ${maskLimits.minReasonLength} characters)`, nl: `Geef een reden op (minstens ${maskLimits.minReasonLength} tekens)` };
  if (text.length > maskLimits.maxReasonLength) return { field, en: `A reason has at most ${maskLimits.maxReasonLength} characters`, nl: `Een reden heeft hoogstens ${maskLimits.maxReasonLength} tekens` };
  return null;
}

export interface LiftRequest {
  reason: string;
  minutes: number;
  viewSessionId?: string | null;
  caseRef?: string | null;
}

/** What is wrong with a lift request, before anything is looked up. */
export function liftProblems(input: LiftRequest): Problem[] {
  const problems: Problem[] = [];
  const reason = reasonProblem(input.reason);
  if (reason) problems.push(reason);
  if (!Number.isInteger(input.minutes) || input.minutes < 1 || input.minutes > maskLimits.maxLiftMinutes) {
    problems.push({ field: 'minutes', en: `A lift lasts 1 to ${maskLimits.maxLiftMinutes} minutes`, nl: `Een opheffing duurt 1 tot ${maskLimits.maxLiftMinutes} minuten` });
  }
  const session = input.viewSessionId?.trim();
  const caseRef = input.caseRef?.trim();
  if (!session && !caseRef) {
    problems.push({ field: 'viewSessionId', en: 'A lift is for one view session or one case: give either', nl: 'Een opheffing geldt voor één kijksessie of één zaak: vul er een in' });
  }
  return problems;
}

/** Whether the lift shows this viewer (or this case's export) what the masks hide, now. */
export function liftApplies(lift: Lift, context: MaskContext, now: Date): boolean {
  if (lift.endedAt !== null || new Date(lift.expiresAt).getTime() <= now.getTime() || new Date(lift.startedAt).getTime() > now.getTime()) return false;
  if (lift.viewSessionId) return !!context.viewSessionId && lift.viewSessionId === context.viewSessionId && lift.userId === context.userId;
  if (!lift.caseRef || lift.caseRef !== context.caseRef) return false;
  // A case lift serves the case's exports (no viewer) and the lifter's own view sessions for that case.
  return !context.userId || context.userId === lift.userId;
}

/** The polygons to burn in for this context: none when an applicable lift is active. */
export function polygonsToApply(version: MaskVersion | null, lifts: readonly Lift[], context: MaskContext, now: Date): { polygons: Polygon[]; lift: Lift | null } {
  if (!version || version.polygons.length === 0) return { polygons: [], lift: null };
  const lift = lifts.find((l) => liftApplies(l, context, now)) ?? null;
  return { polygons: lift ? [] : version.polygons.map((p) => p.points), lift };
}
