"""The record stage: fingerprints, the Arrow/Parquet result store (schema,
writer, reader), the release diff and the blob cache."""
