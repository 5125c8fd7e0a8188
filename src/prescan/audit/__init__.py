"""The audit stage: changed units, with their context, audited by a language
model in batches, cached in the result store, and validated before trusted."""
