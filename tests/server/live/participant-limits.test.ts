import { describe, expect, it } from 'vitest';
import { ParticipantLimits, participantKey } from '../../../server/live/participant-limits';

const rates = { framesPerMinute: 3, frameCharsPerMinute: 100, handshakesPerMinute: 2 };

describe('ParticipantLimits', () => {
  it('counts frames and characters per participant and starts afresh a minute after the window opened', () => {
    const limits = new ParticipantLimits(rates);
    expect([1, 2, 3, 4].map((i) => limits.hitFrame('a', 10, i))).toEqual([null, null, null, 'frames']);
    expect(limits.hitFrame('b', 90, 5)).toBeNull();
    expect(limits.hitFrame('b', 11, 6)).toBe('chars');
    expect(limits.hitFrame('b', 10, 7)).toBeNull();
    expect(limits.hitFrame('a', 10, 60_001)).toBeNull();
  });

  it('counts handshakes apart from frames', () => {
    const limits = new ParticipantLimits(rates);
    expect([0, 1, 2].map((now) => limits.hitHandshake('a', now))).toEqual([true, true, false]);
    expect(limits.hitFrame('a', 1, 3)).toBeNull();
  });

  it('holds at most the cap of sockets per participant, and frees a slot once, when released', async () => {
    const limits = new ParticipantLimits(rates, 2);
    const [first, second] = [await limits.openSocket('a'), await limits.openSocket('a')];
    expect(first && second).toBeTruthy();
    expect(await limits.openSocket('a')).toBeNull();
    expect(await limits.openSocket('b')).not.toBeNull();
    first!.release();
    first!.release(); // twice frees one slot, not two
    expect(await limits.openSocket('a')).not.toBeNull();
    expect(await limits.openSocket('a')).toBeNull();
  });

  it('forgets idle participants, so memory stays bounded', () => {
    const limits = new ParticipantLimits(rates);
    for (let i = 0; i < 10_000; i++) limits.hitFrame(`p${i}`, 1, 0);
    expect(limits.size).toBe(10_000);
    limits.hitHandshake('late', 60_000);
    expect(limits.size).toBe(1);
  });

  it('keys an invite by its id and the admin per session', () => {
    expect(participantKey('s1', { participantId: 'inv1', inviteId: 'inv1', role: 'candidate', name: null, accountId: null })).toBe('inv1');
    expect(participantKey('s1', { participantId: 'admin', inviteId: null, role: 'admin', name: null, accountId: null })).toBe('admin@s1');
  });
});
