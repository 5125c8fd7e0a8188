resource "aws_s3_bucket_public_access_block" "site" {
  bucket                  = aws_s3_bucket.site.id
  # ruleid: tf-s3-public-access-block-disabled
  block_public_acls       = false
  # ruleid: tf-s3-public-access-block-disabled
  block_public_policy     = false
  # ok: tf-s3-public-access-block-disabled
  ignore_public_acls      = true
  # ok: tf-s3-public-access-block-disabled
  restrict_public_buckets = var.restrict_public_buckets
}
