"""A mail server that refuses some addresses, or cannot be reached, for the tests of what the
admin says when a link is not mailed. It keeps what it accepts in ``mail.outbox``."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend

BACKEND = "tests.mail_backends.RefusingBackend"


class RefusingBackend(EmailBackend):
    refused = frozenset()  # the addresses the server refuses
    reachable = True

    def send_messages(self, messages):
        if not self.reachable:
            raise ConnectionRefusedError(111, "Connection refused")
        for message in messages:
            refused = [to for to in message.recipients() if to in self.refused]
            if refused:
                raise smtplib.SMTPRecipientsRefused(dict.fromkeys(refused, (550, b"No such user")))
        return super().send_messages(messages)
