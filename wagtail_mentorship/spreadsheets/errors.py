class SpreadsheetError(Exception):
    """A file the curator gave that cannot be read; ``message`` says why, in their language."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message
