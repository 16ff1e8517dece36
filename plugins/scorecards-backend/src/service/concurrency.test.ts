import { forEachConcurrently } from './concurrency';

describe('forEachConcurrently', () => {
  it('runs every item with at most `limit` in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const done: number[] = [];
    await forEachConcurrently([1, 2, 3, 4, 5, 6, 7], 3, async item => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise(resolve => setImmediate(resolve));
      done.push(item);
      inFlight--;
    });
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(3);
  });

  it('starts nothing after a failure and throws it once the others settled', async () => {
    const started: number[] = [];
    const settled: number[] = [];
    const outcome = await forEachConcurrently(
      [1, 2, 3, 4, 5, 6],
      2,
      async item => {
        started.push(item);
        if (item === 2) throw new Error('item 2 failed');
        await new Promise(resolve => setImmediate(resolve));
        settled.push(item);
      },
    ).catch(error => ({ error, settledWhenThrown: [...settled] }));
    expect(outcome).toEqual({
      error: new Error('item 2 failed'),
      settledWhenThrown: [1],
    });
    expect(started).toEqual([1, 2]);
  });
});
