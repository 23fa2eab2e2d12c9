"""Driving the import's preview as a curator does: through the forms the page renders."""


def map_columns(client, preview_url, columns: dict):
    """Maps columns ({header as the file writes it: field}) through the preview's own form;
    the other columns it lists stay with the answers."""
    form = client.get(preview_url).context["mapping_form"]
    data = {"action": "map", form.add_prefix("headers"): form["headers"].value()}
    for index, header in enumerate(form.header_list):
        data[form.add_prefix(f"column_{index}")] = columns.get(header, "")
    return client.post(preview_url, data)
