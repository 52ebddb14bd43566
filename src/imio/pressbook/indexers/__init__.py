# the French stemmer of the press text index, known to ZCTextIndex's pipelines
from imio.pressbook.indexers import text  # noqa: F401
