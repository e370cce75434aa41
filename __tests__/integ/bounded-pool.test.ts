import { mapWithConcurrency } from "../../integ/bounded-pool";

describe("mapWithConcurrency", () => {
  it("never has more than the limit in flight, uses all of it, and keeps the input order", async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const items = Array.from({ length: 9 }, (_, index) => index);
    const results = await mapWithConcurrency(items, 4, async (item) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      // Finish out of order: later items are quicker.
      await new Promise((resolve) => setTimeout(resolve, (9 - item) * 2));
      inFlight--;
      return item * 10;
    });
    expect(maxInFlight).toBe(4);
    expect(results).toEqual(items.map((item) => item * 10));
  });

  it("returns an empty list for no items", async () => {
    await expect(mapWithConcurrency([], 3, async () => 1)).resolves.toEqual([]);
  });

  it("rejects a limit that is not a positive integer", async () => {
    await expect(mapWithConcurrency([1], 0, async () => 1)).rejects.toThrow("positive integer");
  });
});
