"""Plane geometry the layout stages and the geometry tests share: boxes, segments, polylines, text.

Text is measured with the Helvetica metrics that ship with reportlab; the browser draws the
labels in Liberation Sans (metric-compatible with Helvetica/Arial) and the PDF in Helvetica,
so a box computed here is the box drawn.

>>> boxes_overlap((0, 0, 10, 10), (10, 0, 20, 10))
False
>>> segment_hits_box((0, 5), (20, 5), (8, 0, 12, 10))
True
>>> is_octilinear((0, 0), (10, 10)), is_octilinear((0, 0), (10, 4))
(True, False)
>>> wrap("Persoonlijk begeleider gehandicaptenzorg", 150)
('Persoonlijk begeleider', 'gehandicaptenzorg')
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from reportlab.pdfbase.pdfmetrics import stringWidth

from .model import FONT_SIZE

Box = tuple[float, float, float, float]
Point = tuple[float, float]

EPS = 1e-6


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """Width of ``text`` set in Helvetica at ``size``."""
    return stringWidth(text, "Helvetica", size)


def wrap(text: str, width: float, size: float = FONT_SIZE) -> tuple[str, ...]:
    """Break ``text`` into lines no wider than ``width`` at spaces only, never inside a word.

    A single word wider than ``width`` keeps its own line (it is never cut).
    """
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return tuple(lines)


def boxes_overlap(a: Box, b: Box, pad: float = 0.0) -> bool:
    """Whether two boxes share more than an edge, after growing ``a`` by ``pad`` on every side."""
    return a[0] - pad < b[2] and b[0] < a[2] + pad and a[1] - pad < b[3] and b[1] < a[3] + pad


def grow(box: Box, pad: float) -> Box:
    return box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad


def segment_hits_box(p: Point, q: Point, box: Box) -> bool:
    """Whether the straight piece p-q passes through the inside of ``box`` (Liang-Barsky clipping)."""
    x0, y0, x1, y1 = box
    dx, dy = q[0] - p[0], q[1] - p[1]
    t0, t1 = 0.0, 1.0
    for edge_p, edge_q in ((-dx, p[0] - x0), (dx, x1 - p[0]), (-dy, p[1] - y0), (dy, y1 - p[1])):
        if abs(edge_p) < EPS:
            if edge_q <= EPS:
                return False
            continue
        t = edge_q / edge_p
        if edge_p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 >= t1 - EPS:
            return False
    return True


def polyline_hits_box(points: Sequence[Point], box: Box) -> bool:
    return any(segment_hits_box(a, b, box) for a, b in zip(points, points[1:], strict=False))


def _orient(a: Point, b: Point, c: Point) -> float:
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def segments_cross(a: Point, b: Point, c: Point, d: Point) -> bool:
    """Whether a-b and c-d cross at a point inside both (touching ends do not count)."""
    o1, o2, o3, o4 = _orient(a, b, c), _orient(a, b, d), _orient(c, d, a), _orient(c, d, b)
    return (o1 * o2 < -EPS) and (o3 * o4 < -EPS)


def crossing_point(a: Point, b: Point, c: Point, d: Point) -> Point | None:
    """Where a-b and c-d cross properly, or None."""
    if not segments_cross(a, b, c, d):
        return None
    o1, o2 = _orient(c, d, a), _orient(c, d, b)
    t = o1 / (o1 - o2)
    return a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])


def segments_overlap(a: Point, b: Point, c: Point, d: Point, tol: float = 0.5) -> bool:
    """Whether a-b and c-d run on top of each other for a stretch (collinear and overlapping)."""
    if abs(_orient(a, b, c)) > tol * _length(a, b) or abs(_orient(a, b, d)) > tol * _length(a, b):
        return False
    ux, uy = b[0] - a[0], b[1] - a[1]
    length2 = ux * ux + uy * uy
    if length2 < EPS:
        return False
    tc = ((c[0] - a[0]) * ux + (c[1] - a[1]) * uy) / length2
    td = ((d[0] - a[0]) * ux + (d[1] - a[1]) * uy) / length2
    lo, hi = min(tc, td), max(tc, td)
    overlap = min(1.0, hi) - max(0.0, lo)
    return overlap * math.sqrt(length2) > 1.0


def _length(a: Point, b: Point) -> float:
    return math.hypot(b[0] - a[0], b[1] - a[1]) or 1.0


def polylines_cross(p: Sequence[Point], q: Sequence[Point], ignore: Sequence[Box] = ()) -> int:
    """How often two polylines cross (proper crossings of their pieces), not counting crossings inside ``ignore``.

    ``ignore`` holds the symbols of shared stations: lines meeting inside an interchange do not cross.
    """
    count = 0
    for a, b in zip(p, p[1:], strict=False):
        for c, d in zip(q, q[1:], strict=False):
            point = crossing_point(a, b, c, d)
            if point is not None and not any(
                box[0] <= point[0] <= box[2] and box[1] <= point[1] <= box[3] for box in ignore
            ):
                count += 1
    return count


def polylines_overlap(p: Sequence[Point], q: Sequence[Point]) -> bool:
    return any(
        segments_overlap(a, b, c, d)
        for a, b in zip(p, p[1:], strict=False)
        for c, d in zip(q, q[1:], strict=False)
    )


def angle_degrees(a: Point, b: Point) -> float:
    return math.degrees(math.atan2(b[1] - a[1], b[0] - a[0]))


def is_octilinear(a: Point, b: Point, tolerance: float = 1.0) -> bool:
    """Whether the piece a-b runs at a multiple of 45° (within ``tolerance`` degrees)."""
    angle = angle_degrees(a, b) % 45.0
    return min(angle, 45.0 - angle) <= tolerance


def bends(points: Sequence[Point]) -> int:
    """Direction changes along a polyline."""
    count = 0
    for a, b, c in zip(points, points[1:], points[2:], strict=False):
        if abs(_orient(a, b, c)) > 1e-3:
            count += 1
    return count


def simplify(points: Sequence[Point]) -> tuple[Point, ...]:
    """Drop repeated points and points in the middle of a straight run."""
    out: list[Point] = []
    for p in points:
        p = (round(p[0], 2), round(p[1], 2))
        if out and abs(out[-1][0] - p[0]) < EPS and abs(out[-1][1] - p[1]) < EPS:
            continue
        if len(out) >= 2 and abs(_orient(out[-2], out[-1], p)) < 1e-3:
            out[-1] = p
            continue
        out.append(p)
    return tuple(out)


def offset_polyline(points: Sequence[Point], distance: float) -> tuple[Point, ...]:
    """The polyline moved sideways by ``distance`` (positive: to the left of travel in y-down axes).

    Corners are mitred, so pieces stay parallel to the original (octilinear stays octilinear).
    """
    if abs(distance) < EPS or len(points) < 2:
        return tuple(points)
    normals = []
    for a, b in zip(points, points[1:], strict=False):
        dx, dy = b[0] - a[0], b[1] - a[1]
        length = math.hypot(dx, dy) or 1.0
        normals.append((dy / length, -dx / length))
    out = [(points[0][0] + normals[0][0] * distance, points[0][1] + normals[0][1] * distance)]
    for i in range(1, len(points) - 1):
        n1, n2 = normals[i - 1], normals[i]
        bx, by = n1[0] + n2[0], n1[1] + n2[1]
        dot = n1[0] * bx + n1[1] * by
        scale = distance / dot if abs(dot) > EPS else distance
        out.append((points[i][0] + bx * scale, points[i][1] + by * scale))
    out.append((points[-1][0] + normals[-1][0] * distance, points[-1][1] + normals[-1][1] * distance))
    return tuple((round(x, 2), round(y, 2)) for x, y in out)


class GridIndex:
    """Numbered boxes bucketed in a uniform grid, so "what lies near this box?" does not scan everything.

    >>> index = GridIndex(100)
    >>> index.add((0, 0, 10, 10), 0); index.add((500, 500, 510, 510), 1)
    >>> index.near((5, 5, 20, 20))
    [0]
    """

    def __init__(self, cell: float = 200.0) -> None:
        self.cell = cell
        self.cells: dict[tuple[int, int], list[tuple[Box, int]]] = {}

    def _keys(self, box: Box):
        c = self.cell
        for i in range(math.floor(box[0] / c), math.floor(box[2] / c) + 1):
            for j in range(math.floor(box[1] / c), math.floor(box[3] / c) + 1):
                yield i, j

    def add(self, box: Box, number: int) -> None:
        for key in self._keys(box):
            self.cells.setdefault(key, []).append((box, number))

    def near(self, box: Box, pad: float = 0.0) -> list[int]:
        """Numbers of the boxes that overlap ``box`` grown by ``pad``, in ascending order."""
        found: set[int] = set()
        g = grow(box, pad)
        for key in self._keys(g):
            for other, number in self.cells.get(key, ()):
                if other[0] <= g[2] and g[0] <= other[2] and other[1] <= g[3] and g[1] <= other[3]:
                    found.add(number)
        return sorted(found)


def bbox(points: Sequence[Point]) -> Box:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def components(n: int, edges) -> list[list[int]]:
    """Connected groups of ``range(n)`` joined by ``edges`` (pairs of indices): each group is solved alone.

    >>> components(4, [(0, 2)])
    [[0, 2], [1], [3]]
    """
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return sorted(groups.values())
