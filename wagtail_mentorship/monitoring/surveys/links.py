"""The page of fresh links a curator prints for a class: each link with its QR code."""

from django.utils.translation import gettext as _

from ...access.people_choosers import person_details, person_label


def participant_label(invitation, details: bool = False) -> str:
    """Who answers; with ``details``, the person as the admin names people elsewhere: told
    apart by class or position and organisation, and with their consent, so that one whose
    consent is withdrawn or absent is seen as such (``person_details``)."""
    person = invitation.participant
    name = person_label(person) if details else person.full_name
    if invitation.by_representative:
        return _("Legal representative of %(name)s") % {"name": name}
    return name


def qr_svg(url: str) -> str:
    """An inline SVG with no XML declaration, sized by the page's stylesheet."""
    import segno  # loaded by the page of links alone, not by every app process (9 MB)

    svg = segno.make(url, error="m").svg_inline(scale=3, omitsize=True)
    label = _("QR code of the link")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


def links_context(request, round_, links, mailing, left_out=()) -> dict:
    """The page of ``links``; ``mailing``: what ``send_links`` did with them."""
    rows = []
    for link in links:
        url = request.build_absolute_uri(link.path)
        rows.append(
            {
                "invitation": link.invitation,
                "label": participant_label(link.invitation),  # printed for the participant
                "details": person_details(link.invitation.participant),  # for the curator
                "url": url,
                "qr": qr_svg(url),
            }
        )
    title = str(round_.survey)  # the page's heading too: there are no breadcrumbs to show it
    return {
        "round": round_,
        "rows": rows,
        "sent": mailing.sent,
        "undelivered": [participant_label(i, details=True) for i in mailing.undelivered],
        "left_out": [person_label(person) for person in left_out],
        "header_title": title,
        "page_title": title,
    }
