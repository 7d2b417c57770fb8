/** Expected completion: working days, Latvian public holidays, Riga local dates, pauses. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { addDays, defaultDayKind, endOfRigaDay, expectedCompletion, isOverdue, isWorkingDay, leadTimeProblem, rigaDate, secondsToDuration, type Pause } from './lead-time.js';

const working = (duration: string) => ({ duration, dayKind: 'working' as const });
const calendar = (duration: string) => ({ duration, dayKind: 'calendar' as const });
/** Expected completion as the Riga local date it falls on. */
const due = (start: string, leadTime: { duration: string; dayKind: 'working' | 'calendar' }, pauses: Pause[] = [], now = start): string =>
  rigaDate(expectedCompletion(new Date(start), leadTime, pauses, new Date(now)).at);

describe('lead time arithmetic', () => {
  test('working days skip weekends', () => {
    assert.equal(due('2026-11-06T10:00:00Z', working('P1D')), '2026-11-09'); // Friday → Monday
    assert.equal(due('2026-11-02T10:00:00Z', working('P5D')), '2026-11-09');
    assert.equal(due('2026-11-02T10:00:00Z', working('P2W')), '2026-11-16');
    // Saturday's submission counts from Monday.
    assert.equal(due('2026-11-07T10:00:00Z', working('P1D')), '2026-11-09');
  });

  test('working days skip Latvian public holidays: 18 November, Midsummer, Christmas and New Year, substitute days', () => {
    assert.equal(due('2026-11-17T10:00:00Z', working('P1D')), '2026-11-19'); // Wednesday 18 November
    assert.equal(due('2026-06-22T10:00:00Z', working('P1D')), '2026-06-25'); // 23–24 June
    assert.equal(due('2026-12-23T10:00:00Z', working('P1D')), '2026-12-28'); // 24, 25 December, weekend
    assert.equal(due('2026-12-23T10:00:00Z', working('P4D')), '2027-01-04'); // 31 December, 1 January
    assert.equal(due('2023-11-17T10:00:00Z', working('P1D')), '2023-11-21'); // 18 Nov 2023 was a Saturday: Monday 20th off
    assert.equal(due('2026-04-02T10:00:00Z', working('P1D')), '2026-04-07'); // Good Friday, Easter Monday
    assert.equal(due('2026-04-30T10:00:00Z', working('P2D')), '2026-05-06'); // 1 May, 4 May
    for (const day of ['2026-11-18', '2026-06-23', '2026-06-24', '2026-12-24', '2026-12-25', '2026-12-31', '2027-01-01', '2026-05-04']) assert.equal(isWorkingDay(day), false, day);
    assert.equal(isWorkingDay('2026-11-19'), true);
  });

  test('dates are Riga local dates and the term ends at the end of its day', () => {
    // 23:30 in Riga on Monday 2 November is still Monday there (21:30 UTC).
    assert.equal(due('2026-11-02T21:30:00Z', working('P1D')), '2026-11-03');
    // 00:30 in Riga on Tuesday is Monday 22:30 UTC: counted from Tuesday.
    assert.equal(due('2026-11-02T22:30:00Z', working('P1D')), '2026-11-04');
    assert.equal(endOfRigaDay('2026-11-03').toISOString(), '2026-11-03T21:59:59.999Z');
    assert.equal(endOfRigaDay('2026-07-03').toISOString(), '2026-07-03T20:59:59.999Z');
    // The days daylight saving time starts and ends.
    assert.equal(endOfRigaDay('2026-03-29').toISOString(), '2026-03-29T20:59:59.999Z');
    assert.equal(endOfRigaDay('2026-10-25').toISOString(), '2026-10-25T21:59:59.999Z');
  });

  test('calendar terms end on the next working day when their last day is not one', () => {
    assert.equal(due('2026-11-04T10:00:00Z', calendar('P10D')), '2026-11-16'); // Saturday 14th → Monday
    assert.equal(due('2026-01-31T10:00:00Z', calendar('P1M')), '2026-03-02'); // 28 February is a Saturday
    assert.equal(due('2026-10-18T10:00:00Z', calendar('P1M')), '2026-11-19'); // 18 November → 19th
    assert.equal(due('2026-03-16T10:00:00Z', calendar('P1Y')), '2027-03-16');
  });

  test('the clock pauses while awaiting the applicant and resumes from the answer', () => {
    const start = '2026-11-02T08:00:00Z'; // Monday; P5D → Monday 9th
    assert.equal(due(start, working('P5D')), '2026-11-09');
    // Asked on Wednesday (two days used), answered the next Monday: three left → Thursday 12th.
    const pause: Pause = { from: '2026-11-04T12:00:00Z', until: '2026-11-09T09:00:00Z' };
    assert.equal(due(start, working('P5D'), [pause]), '2026-11-12');
    // Still paused on Friday 6th: as if answered now, and flagged as paused.
    const open = expectedCompletion(new Date(start), working('P5D'), [{ from: pause.from, until: null }], new Date('2026-11-06T12:00:00Z'));
    assert.equal(open.paused, true);
    assert.equal(rigaDate(open.at), '2026-11-11');
    assert.equal(isOverdue(open, false, false, new Date('2027-01-01T00:00:00Z')), false);
    // Two pauses add up; a pause answered the same day costs nothing.
    assert.equal(due(start, working('P5D'), [{ from: '2026-11-03T08:00:00Z', until: '2026-11-03T15:00:00Z' }]), '2026-11-09');
    assert.equal(due(start, working('P5D'), [pause, { from: '2026-11-10T08:00:00Z', until: '2026-11-11T08:00:00Z' }]), '2026-11-13');
    // Calendar months extend by the paused days.
    assert.equal(due('2026-01-05T10:00:00Z', calendar('P1M'), [{ from: '2026-01-10T10:00:00Z', until: '2026-01-13T10:00:00Z' }]), '2026-02-09');
    // An automated service's hours extend by the paused time.
    const quick = expectedCompletion(new Date('2026-11-02T08:00:00Z'), calendar('PT1H'), [{ from: '2026-11-02T08:10:00Z', until: '2026-11-02T08:40:00Z' }], new Date('2026-11-02T09:00:00Z'));
    assert.equal(quick.at.toISOString(), '2026-11-02T09:30:00.000Z');
  });

  test('overdue only past the expected time, while neither completed nor final', () => {
    const expected = expectedCompletion(new Date('2026-11-02T08:00:00Z'), working('P1D'), [], new Date('2026-11-02T08:00:00Z'));
    const later = new Date('2026-11-04T08:00:00Z');
    assert.equal(isOverdue(expected, false, false, later), true);
    assert.equal(isOverdue(expected, true, false, later), false);
    assert.equal(isOverdue(expected, false, true, later), false);
    assert.equal(isOverdue(expected, false, false, new Date('2026-11-03T21:00:00Z')), false);
  });

  test('lead times that cannot be counted are refused; defaults follow the unit', () => {
    assert.equal(leadTimeProblem(working('P10D')), undefined);
    assert.match(leadTimeProblem(working('P1M')) ?? '', /calendar/);
    assert.match(leadTimeProblem(working('10 days')) ?? '', /ISO 8601/);
    assert.match(leadTimeProblem(calendar('P5Y')) ?? '', /three years/);
    assert.equal(defaultDayKind('P10D'), 'working');
    assert.equal(defaultDayKind('P1M'), 'calendar');
    assert.equal(defaultDayKind('PT1H'), 'calendar');
    assert.equal(secondsToDuration(183_600), 'P2DT3H');
    assert.equal(secondsToDuration(0), 'PT0S');
  });

  test('properties: a working-day term ends on a working day, later than it started, and pauses never bring it forward', () => {
    const instant = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true });
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 }), (start, days, pauseAfter, pauseLength) => {
        const leadTime = working(`P${days}D`);
        const plain = expectedCompletion(start, leadTime, [], start).at;
        const date = rigaDate(plain);
        assert.ok(isWorkingDay(date), `${date} is a working day`);
        assert.ok(date > rigaDate(start));
        const from = new Date(start.getTime() + pauseAfter * 86_400_000);
        const until = new Date(from.getTime() + pauseLength * 86_400_000);
        const paused = expectedCompletion(start, leadTime, [{ from: from.toISOString(), until: until.toISOString() }], until).at;
        assert.ok(paused.getTime() >= plain.getTime());
        // One more day never ends earlier.
        assert.ok(expectedCompletion(start, working(`P${days + 1}D`), [], start).at.getTime() > plain.getTime());
        assert.equal(addDays(date, 0), date);
      }),
      { numRuns: 300 },
    );
  });
});
