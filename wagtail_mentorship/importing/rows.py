"""The rows the pipeline hands to a resource: the one contract between the two.

A dataset row holds the cells of the matched columns under their field names, then ``ANSWERS``
(the other columns as {header as the file writes it: answer}), then ``ROW`` (the row's number
in the spreadsheet, by which every problem is reported).
"""

import tablib

ANSWERS = "_answers"
ROW = "_row"


def new_dataset(fields) -> tablib.Dataset:
    return tablib.Dataset(headers=[*fields, ANSWERS, ROW])


def dataset_row(cells: list, answers: dict, number: int) -> list:
    """A row for ``new_dataset``: ``cells`` in the order of its fields."""
    return [*cells, answers, number]


def row_numbers(dataset) -> list:
    """The spreadsheet's number of each row of ``dataset``, in order."""
    return dataset[ROW]
