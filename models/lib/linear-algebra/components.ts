import type { Csr } from './sparse.ts';

/**
 * Strongly connected components (Tarjan, without recursion). Components come out in
 * reverse topological order: every component before the ones that lead to it.
 */
export function stronglyConnectedComponents(q: Csr): { component: Int32Array; components: Int32Array[] } {
  const n = q.n;
  const order = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  const component = new Int32Array(n).fill(-1);
  const components: Int32Array[] = [];
  const callNode = new Int32Array(n);
  const callEdge = new Int32Array(n);
  let stackSize = 0;
  let counter = 0;
  for (let root = 0; root < n; root += 1) {
    if (order[root] !== -1) continue;
    let depth = 0;
    callNode[0] = root;
    callEdge[0] = q.start[root]!;
    order[root] = low[root] = counter++;
    stack[stackSize++] = root;
    onStack[root] = 1;
    while (depth >= 0) {
      const node = callNode[depth]!;
      const edge = callEdge[depth]!;
      if (edge < q.start[node + 1]!) {
        callEdge[depth] = edge + 1;
        const next = q.col[edge]!;
        if (order[next] === -1) {
          order[next] = low[next] = counter++;
          stack[stackSize++] = next;
          onStack[next] = 1;
          depth += 1;
          callNode[depth] = next;
          callEdge[depth] = q.start[next]!;
        } else if (onStack[next]) low[node] = Math.min(low[node]!, order[next]!);
        continue;
      }
      if (low[node] === order[node]) {
        let size = 0;
        while (stack[stackSize - 1 - size] !== node) size += 1;
        size += 1;
        const members = stack.slice(stackSize - size, stackSize);
        stackSize -= size;
        for (const member of members) {
          onStack[member] = 0;
          component[member] = components.length;
        }
        components.push(members);
      }
      depth -= 1;
      if (depth >= 0) {
        const parent = callNode[depth]!;
        low[parent] = Math.min(low[parent]!, low[node]!);
      }
    }
  }
  return { component, components };
}
