"""Wright's inbreeding coefficient (F) over an in-memory pedigree: pure, no database.

Method: the recursive kinship (coancestry) coefficient, which is exactly Wright's path
formula F_X = Σ (1/2)^(n1+n2+1) (1 + F_A) summed over common ancestors A, without listing
paths:

    f(a, a) = (1 + F_a) / 2
    f(a, b) = (f(sire_a, b) + f(dam_a, b)) / 2     where a is not an ancestor of b
    F_x     = f(sire_x, dam_x)

"a is not an ancestor of b" is guaranteed by always expanding the animal of higher rank
(rank = longest path down from a founder; an ancestor always ranks lower). Pairs are memoised,
and a pair whose ancestries (each including the animal itself) do not intersect is 0 at once,
checked on integer bitsets. Cost: O(A) to rank A ancestors, then one step per pair of
animals that *share* an ancestor, so an unrelated pairing costs O(A) and a closed line at most
O(A^2) pairs, where A <= 2^(generations+1) - 2 and is far smaller in closed lines.

Speed: the matrix is filled one rank of animals at a time (`layered_kinship`), on animals
numbered 0, 1, ... (`numbered`), which gives exactly the row-by-row values (see EXACT_RANK).
Stored coefficients of the ancestors (Meuwissen and Luo's shortcut) would not: each was
computed on the ancestor's own ten generations, while inside an offspring's window an
ancestor k generations up keeps only what lies within ten generations of the offspring.

Depth: the pedigree is truncated to `generations`: an animal reached within fewer than
`generations` steps (on its shortest path) keeps its parents, every other one counts as a
founder. Every stored or returned COI names the depth it was computed on.
"""

from __future__ import annotations

import itertools
import uuid
from collections import deque
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, NamedTuple, TypeVar

import numpy as np
import numpy.typing as npt

K = TypeVar("K", bound=Hashable)

# The depth stored COIs are computed on: deep enough for breeders' usual 5- to 10-generation
# pedigrees, shallow enough to stay cheap and to make "generations" comparable across animals.
DEFAULT_GENERATIONS = 10
MAX_GENERATIONS = 10

Parents = tuple[K | None, K | None]
Pedigree = Mapping[K, tuple[K | None, K | None]]


def truncate(
    pedigree: Pedigree[K], roots: Iterable[K], generations: int, *, start_depth: int = 0
) -> dict[K, tuple[K | None, K | None]]:
    """The part of `pedigree` within `generations` of `roots` (which sit at `start_depth`).

    Breadth first, so each animal is met first on its shortest path; animals at the edge
    keep no parents, as founders.
    """
    depth: dict[K, int] = {}
    queue: deque[K] = deque()
    for root in roots:
        if root not in depth:
            depth[root] = start_depth
            queue.append(root)
    result: dict[K, tuple[K | None, K | None]] = {}
    while queue:
        node = queue.popleft()
        level = depth[node]
        if level >= generations:
            result[node] = (None, None)
            continue
        sire, dam = pedigree.get(node, (None, None))
        result[node] = (sire, dam)
        for parent in (sire, dam):
            if parent is not None and parent not in depth:
                depth[parent] = level + 1
                queue.append(parent)
    return result


class Kinship(Generic[K]):
    """Kinship and inbreeding coefficients over one (already truncated) pedigree.

    Animals missing from the pedigree are founders. The pedigree must be acyclic, which the
    lineage rules and the database trigger guarantee.
    """

    def __init__(self, pedigree: Pedigree[K]) -> None:
        self._parents = pedigree
        self._rank: dict[K, int] = {}
        self._ancestry: dict[K, int] = {}
        self._index: dict[K, int] = {}
        self._memo: dict[tuple[int, int], float] = {}
        self._inbreeding: dict[K, float] = {}

    def parents(self, animal: K) -> tuple[K | None, K | None]:
        return self._parents.get(animal, (None, None))

    def _prepare(self, animal: K) -> None:
        """Rank, index and ancestry bitset of `animal` and its ancestors (iterative DFS)."""
        if animal in self._rank:
            return
        stack: list[tuple[K, bool]] = [(animal, False)]
        while stack:
            node, parents_done = stack.pop()
            if node in self._rank:
                continue
            known = [p for p in self.parents(node) if p is not None]
            if not parents_done:
                stack.append((node, True))
                stack.extend((p, False) for p in known if p not in self._rank)
                continue
            index = len(self._index)
            self._index[node] = index
            self._rank[node] = 1 + max((self._rank[p] for p in known), default=-1)
            bits = 1 << index
            for p in known:
                bits |= self._ancestry[p]
            self._ancestry[node] = bits

    def ancestry(self, animal: K) -> frozenset[K]:
        """`animal` and all its ancestors in the pedigree."""
        self._prepare(animal)
        bits = self._ancestry[animal]
        return frozenset(node for node, index in self._index.items() if bits >> index & 1)

    def inbreeding(self, animal: K) -> float:
        """Wright's F of `animal`: the kinship of its parents."""
        cached = self._inbreeding.get(animal)
        if cached is None:
            sire, dam = self.parents(animal)
            cached = self.kinship(sire, dam)
            self._inbreeding[animal] = cached
        return cached

    def kinship(self, a: K | None, b: K | None) -> float:
        """The probability that an allele drawn from `a` and one from `b` are identical by descent."""
        if a is None or b is None:
            return 0.0
        self._prepare(a)
        self._prepare(b)
        if a == b:
            return (1.0 + self.inbreeding(a)) / 2.0
        if not self._ancestry[a] & self._ancestry[b]:
            return 0.0
        ia, ib = self._index[a], self._index[b]
        key = (ia, ib) if ia < ib else (ib, ia)
        cached = self._memo.get(key)
        if cached is not None:
            return cached
        # Expand the younger one: it cannot be an ancestor of the other.
        younger, other = (a, b) if self._rank[a] >= self._rank[b] else (b, a)
        sire, dam = self.parents(younger)
        value = (self.kinship(sire, other) + self.kinship(dam, other)) / 2.0
        self._memo[key] = value
        return value


# Up to this many animals the tabular method (one numpy row per animal) beats the recursion;
# beyond it pedigrees are wide and mostly unrelated, where the recursion's bitset test wins.
TABULAR_LIMIT = 1500


def _topological(window: Pedigree[K]) -> list[K]:
    """Every animal of `window` after its parents (iterative post-order)."""
    order: list[K] = []
    placed: set[K] = set()
    for start in window:
        stack: list[tuple[K, bool]] = [(start, False)]
        while stack:
            node, parents_done = stack.pop()
            if node in placed:
                continue
            if parents_done:
                placed.add(node)
                order.append(node)
                continue
            stack.append((node, True))
            stack.extend(
                (p, False)
                for p in window.get(node, (None, None))
                if p is not None and p not in placed
            )
    return order


def tabular_kinship(window: Pedigree[K]) -> tuple[dict[K, int], npt.NDArray[np.float64]]:
    """The full kinship matrix of `window` by the tabular method.

    Row i (parents s, d placed before i): f(i, j) = (f(s, j) + f(d, j)) / 2 for every earlier
    j, and f(i, i) = (1 + f(s, d)) / 2. Exactly the recursion's values, with one vector
    operation per animal instead of one Python call per related pair.
    """
    order = _topological(window)
    index = {node: position for position, node in enumerate(order)}
    size = len(order)
    matrix = np.zeros((size, size))
    for i, node in enumerate(order):
        sire, dam = window.get(node, (None, None))
        si = index[sire] if sire is not None else -1
        di = index[dam] if dam is not None else -1
        if si >= 0 or di >= 0:
            row = np.zeros(i)
            if si >= 0:
                row += matrix[si, :i]
            if di >= 0:
                row += matrix[di, :i]
            row *= 0.5
            matrix[i, :i] = row
            matrix[:i, i] = row
        inbreeding = matrix[si, di] if si >= 0 and di >= 0 else 0.0
        matrix[i, i] = 0.5 * (1.0 + inbreeding)
    return index, matrix


# Every kinship is a dyadic rational: a founder's self-kinship is 1/2, and each step of the
# recursion adds two such numbers and halves the sum. By induction the denominator of f(a, b)
# divides 2^(rank(a) + rank(b) + 1), and every value lies in [0, 1], so while the deepest
# rank is at most (53 - 1) / 2 each value fits a double's 53-bit mantissa: every addition and
# halving is exact, and every evaluation order gives the same bits. Deeper windows keep the
# row-by-row method, whose rounding is the one results have always had.
EXACT_RANK = 26


def _ranks(sires: npt.NDArray[np.intp], dams: npt.NDArray[np.intp]) -> npt.NDArray[np.intp]:
    """Longest path down from a founder, per animal (parent number `size`: unknown).

    Iterated to its fixed point: after k rounds every animal of rank below k is right, so it
    takes the deepest rank plus one rounds of a few array operations each.
    """
    size = len(sires)
    rank = np.zeros(size + 1, dtype=np.intp)
    rank[size] = -1
    for _ in range(size + 1):
        updated = 1 + np.maximum(rank[sires], rank[dams])
        if np.array_equal(updated, rank[:size]):
            break
        rank[:size] = updated
    return rank[:size]


def layered_kinship(
    sires: npt.NDArray[np.intp], dams: npt.NDArray[np.intp], rank: npt.NDArray[np.intp]
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.float64]]:
    """The full kinship matrix, one rank of animals at a time instead of one animal at a time.

    Animals are 0 .. size - 1 with their parents' numbers (`size`: unknown). Animals of the
    same rank are never ancestors of one another, so a whole rank is filled with a few array
    operations: its kinship with every earlier animal from its parents' rows, then the
    kinships within the rank from the columns just written, then the diagonal. A last, never
    written, row and column of zeros stand for an unknown parent. Returns each animal's row
    and the matrix: exactly the tabular method's values while the deepest rank is within
    EXACT_RANK.
    """
    size = len(sires)
    order = np.argsort(rank, kind="stable")
    row = np.empty(size + 1, dtype=np.intp)
    row[order] = np.arange(size)
    row[size] = size
    layer_of = rank[order]
    row_sires, row_dams = row[sires[order]], row[dams[order]]
    starts = [0, *(np.flatnonzero(np.diff(layer_of)) + 1).tolist(), size]
    matrix = np.zeros((size + 1, size + 1))
    for low, high in itertools.pairwise(starts):
        layer_sires, layer_dams = row_sires[low:high], row_dams[low:high]
        if low:
            earlier = matrix[layer_sires, :low] + matrix[layer_dams, :low]
            earlier *= 0.5
            matrix[low:high, :low] = earlier
            matrix[:low, low:high] = earlier.T
        within = matrix[layer_sires, low:high] + matrix[layer_dams, low:high]
        within *= 0.5
        within[np.diag_indices(high - low)] = 0.5 * (1.0 + matrix[layer_sires, layer_dams])
        matrix[low:high, low:high] = within
    return row[:size], matrix


Numbered = dict[int, tuple[int | None, int | None]]


def numbered(window: Pedigree[K]) -> tuple[list[K], Numbered]:
    """`window` with its animals numbered 0, 1, ... in the order of their text.

    The calculations hash every animal many times; ids such as UUIDs hash in Python code, small
    integers at C speed. Numbers follow the text of the ids (the last tie-break among common
    ancestors). A parent that is not itself a key of `window` is numbered after the keys.
    """
    nodes = sorted(window, key=str)
    number: dict[K, int] = {node: position for position, node in enumerate(nodes)}

    def of(parent: K | None) -> int | None:
        if parent is None:
            return None
        found = number.get(parent)
        if found is None:
            found = number[parent] = len(nodes)
            nodes.append(parent)
        return found

    parents = {number[node]: (of(sire), of(dam)) for node, (sire, dam) in window.items()}
    return nodes, parents


def numbered_kinship(window: Numbered, size: int, a: int, b: int) -> float:
    """Kinship of `a` and `b` in a numbered window (animals 0 .. size - 1)."""
    founder: tuple[int | None, int | None] = (None, None)
    parents = [window.get(node, founder) for node in range(size)]
    return kinship_in_window([p[0] for p in parents], [p[1] for p in parents], a, b)


def kinship_in_window(
    sires: Sequence[int | None], dams: Sequence[int | None], a: int, b: int
) -> float:
    """Kinship of `a` and `b` among animals 0 .. n - 1 whose parents' numbers are given."""
    size = len(sires)
    if size > TABULAR_LIMIT:
        return Kinship(_as_pedigree(sires, dams)).kinship(a, b)
    sire_rows = np.fromiter((size if s is None else s for s in sires), dtype=np.intp, count=size)
    dam_rows = np.fromiter((size if d is None else d for d in dams), dtype=np.intp, count=size)
    rank = _ranks(sire_rows, dam_rows)
    if int(rank.max(initial=0)) > EXACT_RANK:
        index, tabular = tabular_kinship(_as_pedigree(sires, dams))
        return float(tabular[index[a], index[b]])
    row, matrix = layered_kinship(sire_rows, dam_rows, rank)
    return float(matrix[row[a], row[b]])


def _as_pedigree(sires: Sequence[int | None], dams: Sequence[int | None]) -> Numbered:
    return dict(enumerate(zip(sires, dams, strict=True)))


def window_kinship(window: Pedigree[K], a: K | None, b: K | None) -> float:
    """Kinship of `a` and `b` within an already truncated pedigree, by the faster method."""
    if a is None or b is None:
        return 0.0
    nodes, numbered_window = numbered({a: (None, None), b: (None, None), **window})
    return numbered_kinship(numbered_window, len(nodes), nodes.index(a), nodes.index(b))


def inbreeding_coefficient(
    pedigree: Pedigree[K], animal: K, generations: int = DEFAULT_GENERATIONS
) -> float:
    """F of `animal` on its pedigree truncated to `generations`."""
    nodes, window = numbered(truncate(pedigree, [animal], generations))
    sire, dam = window[nodes.index(animal)]
    if sire is None or dam is None:
        return 0.0
    return numbered_kinship(window, len(nodes), sire, dam)


class CommonAncestor(NamedTuple, Generic[K]):
    """A tuple: a closed line's pairing has hundreds, made on every what-if request."""

    animal: K
    # Steps on the shortest path from each parent of the planned clutch (0: the parent itself).
    from_sire: int
    from_dam: int


@dataclass(frozen=True)
class PlannedPairing(Generic[K]):
    coi: float
    generations: int
    common_ancestors: list[CommonAncestor[K]]


def reach(
    sires: Sequence[int | None],
    dams: Sequence[int | None],
    start: int,
    passable: Sequence[bool] | None = None,
) -> dict[int, int]:
    """Every animal `start` reaches through its parents, with the length of the shortest path;
    with `passable`, only through animals marked True (e.g. those a caller may see)."""
    distance = {start: 0}
    frontier = [start]
    steps = 0
    while frontier:
        steps += 1
        reached = []
        for node in frontier:
            for parent in (sires[node], dams[node]):
                if (
                    parent is not None
                    and parent not in distance
                    and (passable is None or passable[parent])
                ):
                    distance[parent] = steps
                    reached.append(parent)
        frontier = reached
    return distance


def pairing_in_window(
    sires: Sequence[int | None],
    dams: Sequence[int | None],
    sire: int,
    dam: int,
    generations: int,
    ids: Sequence[str] | Sequence[uuid.UUID],
) -> PlannedPairing[int]:
    """`planned_pairing_coi` on a window already truncated and numbered 0 .. n - 1.

    `sires`/`dams` hold each animal's parents' numbers (None at the window's edge) and `ids`
    each animal's id, the last tie-break among common ancestors: as text, or as UUIDs (which
    order as their text does).
    """
    # Everything each parent reaches in the window, with its distance: their ancestries.
    from_sire, from_dam = reach(sires, dams, sire), reach(sires, dams, dam)
    shared = from_sire.keys() & from_dam.keys()
    # Without a shared ancestor the kinship is 0 whatever the method: skip the matrix.
    coi = kinship_in_window(sires, dams, sire, dam) if shared else 0.0
    # Nearest first, then nearer to the sire, then by id.
    order = sorted((from_sire[n] + from_dam[n], from_sire[n], ids[n], n) for n in shared)
    common = [CommonAncestor(n, near, total - near) for total, near, _, n in order]
    return PlannedPairing(coi=coi, generations=generations, common_ancestors=common)


def planned_pairing_coi(
    pedigree: Pedigree[K], sire: K, dam: K, generations: int = DEFAULT_GENERATIONS
) -> PlannedPairing[K]:
    """F of the offspring `sire` x `dam` would have, and the ancestors the two share.

    The planned offspring is generation 0, so the parents sit at depth 1 and the depth is the
    same as that of the stored COI of a hatchling of this pairing.
    """
    nodes, window = numbered(truncate(pedigree, [sire, dam], generations, start_depth=1))
    parents = [window.get(node, (None, None)) for node in range(len(nodes))]
    result = pairing_in_window(
        [p[0] for p in parents],
        [p[1] for p in parents],
        nodes.index(sire),
        nodes.index(dam),
        generations,
        [str(node) for node in nodes],
    )
    common = [
        CommonAncestor(nodes[c.animal], c.from_sire, c.from_dam) for c in result.common_ancestors
    ]
    return PlannedPairing(coi=result.coi, generations=generations, common_ancestors=common)
