The press section's page links to its filtered result as BibTeX, RIS and CSL-JSON, beside the feeds and the CSV and JSON exports.
