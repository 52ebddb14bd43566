"""The demo profile: "Présentation" > "Dans les médias" with press articles and questions."""


def create_demo_content(context):
    """Create the demo content (idempotent)."""
