"""The page of fresh links a curator prints for a class: each link with its QR code."""

import segno
from django.utils.translation import gettext as _


def participant_label(invitation) -> str:
    if invitation.by_representative:
        return _("Legal representative of %(name)s") % {"name": invitation.mentee.full_name}
    return invitation.participant.full_name


def qr_svg(url: str) -> str:
    """An inline SVG with no XML declaration, sized by the page's stylesheet."""
    svg = segno.make(url, error="m").svg_inline(scale=3, omitsize=True)
    label = _("QR code of the link")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


def links_context(request, round_, links, sent: int) -> dict:
    rows = []
    for link in links:
        url = request.build_absolute_uri(link.path)
        rows.append(
            {
                "invitation": link.invitation,
                "label": participant_label(link.invitation),
                "url": url,
                "qr": qr_svg(url),
            }
        )
    return {"round": round_, "rows": rows, "sent": sent, "header_title": str(round_.survey)}
