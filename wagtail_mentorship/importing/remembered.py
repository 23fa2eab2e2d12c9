"""Outcomes of reading a cell, kept for the next row with the same cell.

A column names the same school, form or category in thousands of rows: each distinct cell is
read and checked once. Only the first ``LIMIT`` distinct cells are kept, so that a column of
names or e-mails, which never repeats, costs no memory; once such a column has shown itself
(the kept cells are ``LIMIT`` and seldom came back), it is read without looking back.
"""

LIMIT = 1000


class Remembered:
    """``remembered(read, cell, *args)`` is ``read(cell, *args)``, or what it gave or raised
    for the same cell before. What ``read`` gives must depend on the cell alone; ``errors``
    are the exceptions it may raise."""

    def __init__(self, errors=(ValueError,)):
        self.errors = errors
        self.kept = {}  # key → (value, None) or (None, the exception)
        self.hits = 0
        self.seldom_repeats = False

    def __call__(self, read, cell, *args):
        if self.seldom_repeats:
            return read(cell, *args)
        key = (type(cell), cell)  # 1, 1.0 and True are equal keys, yet read differently
        try:
            outcome = self.kept.get(key)
        except TypeError:  # a cell read as a list: nothing to remember it by
            return read(cell, *args)
        if outcome is None:
            try:
                outcome = (read(cell, *args), None)
            except self.errors as error:
                outcome = (None, error)
            if len(self.kept) < LIMIT:
                self.kept[key] = outcome
            elif self.hits < LIMIT // 10:
                self.seldom_repeats, self.kept = True, {}
        else:
            self.hits += 1
        value, error = outcome
        if error is not None:
            raise error.with_traceback(None)  # raised again, without the last row's frames
        return list(value) if isinstance(value, list) else value  # a row's own list
