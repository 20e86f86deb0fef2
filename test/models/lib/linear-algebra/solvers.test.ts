import { describe, expect, it } from 'vitest';
import { invertDense, TriangularSolver, type Level, type SolverSettings } from '../../../../models/lib/linear-algebra/solvers.ts';
import { mulberry32 } from '../../../../models/lib/statistics/random.ts';
import { identityMinus, randomChain } from './matrices.ts';

const SETTINGS: SolverSettings = { denseLimit: 400, hubs: 64, tolerance: 1e-13, diagonalTolerance: 1e-9 };

function expectClose(actual: Float64Array, expected: Float64Array, relative: number) {
  const scale = Math.max(...expected.map(Math.abs));
  for (let i = 0; i < expected.length; i += 1) expect(Math.abs(actual[i]! - expected[i]!), `entry ${i}`).toBeLessThanOrEqual(relative * scale);
}

describe('models/lib/linear-algebra/solvers', () => {
  it('inverts a dense matrix by Gauss-Jordan with pivoting', () => {
    // a zero in the first pivot position forces a row swap
    const inverse = invertDense(Float64Array.of(0, 2, 1, 1), 2);
    expect([...inverse]).toEqual([-0.5, 1, 0.5, 0]);
    expect(() => invertDense(Float64Array.of(1, 1, 1, 1), 2)).toThrow(/closed loop/);
  });

  // the diagonal of a component solved iteratively (alone or as the rest of a Schur split) comes by push, to diagonalTolerance
  for (const [path, level, denseLimit, diagonalError] of [
    ['dense', 'top', 400, 1e-11],
    ['Schur', 'top', 8, 1e-8],
    ['iterative', 'inner', 8, 1e-8],
  ] as const satisfies readonly (readonly [string, Level, number, number])[]) {
    it(`solves M x = b, x^T M = b^T and gives the diagonal of M^-1 like a dense inverse, on the ${path} path`, () => {
      const random = mulberry32(2026);
      const q = randomChain(120, 6, random);
      const n = q.n;
      const inverse = invertDense(identityMinus(q), n);
      const rhs = Float64Array.from({ length: n }, () => random());
      const solver = new TriangularSolver(q, level, { ...SETTINGS, denseLimit, hubs: 6 });
      const expectedSolve = Float64Array.from({ length: n }, (_, i) => rhs.reduce((sum, value, j) => sum + inverse[i * n + j]! * value, 0));
      const expectedTransposed = Float64Array.from({ length: n }, (_, j) => rhs.reduce((sum, value, i) => sum + value * inverse[i * n + j]!, 0));
      expectClose(solver.solve(rhs), expectedSolve, 1e-11);
      expectClose(solver.solveTransposed(rhs), expectedTransposed, 1e-11);
      expectClose(
        solver.diagonal(),
        Float64Array.from({ length: n }, (_, i) => inverse[i * n + i]!),
        diagonalError,
      );
    });
  }
});
