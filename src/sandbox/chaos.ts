// Deliberate misbehaviour for tests: the faults a client meets on a bad day, at chosen rates.
//   error=0.05     share of requests answered 500
//   drop=0.02      share of connections closed with no answer at all
//   throttle=0.05  share of requests answered 429 with Retry-After (on top of --rate-limit)
//   drift=0.2      share of list pages before which another admin creates one record and deletes one
//   seed=42        makes the sequence of faults repeatable
// Errors and drops strike before or after the request's effect, half each, so a client can never
// assume that a failed write did nothing.

export interface ChaosSpec {
  error: number;
  drop: number;
  throttle: number;
  drift: number;
  seed: number;
}

export const NO_CHAOS: ChaosSpec = { error: 0, drop: 0, throttle: 0, drift: 0, seed: 1 };

export function parseChaos(spec: string): ChaosSpec {
  const result: ChaosSpec = { ...NO_CHAOS, seed: Date.now() % 2 ** 31 };
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [rawKey, rawValue] = part.split('=');
    const key = rawKey?.trim() === '500' ? 'error' : rawKey?.trim();
    const value = Number(rawValue);
    // Own keys only ("constructor" is `in` every object), and a value that is there ("error=" is no 0).
    if (!key || !Object.hasOwn(result, key) || rawValue === undefined || rawValue.trim() === '' || !Number.isFinite(value)) {
      throw new Error(`--chaos: "${part}" is not one of error=, drop=, throttle=, drift=, seed= with a number`);
    }
    if (key !== 'seed' && (value < 0 || value > 1)) throw new Error(`--chaos: ${key} must be a share between 0 and 1`);
    result[key as keyof ChaosSpec] = value;
  }
  return result;
}

/** A small seeded generator (mulberry32): repeatable chaos without a dependency. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Fault = 'none' | 'error-before' | 'error-after' | 'drop-before' | 'drop-after' | 'throttle';

export function pickFault(spec: ChaosSpec, random: () => number): Fault {
  const r = random();
  const half = random() < 0.5;
  if (r < spec.drop) return half ? 'drop-before' : 'drop-after';
  if (r < spec.drop + spec.error) return half ? 'error-before' : 'error-after';
  if (r < spec.drop + spec.error + spec.throttle) return 'throttle';
  return 'none';
}
