resource "aws_s3_bucket" "assets" {
  bucket = "example-assets"
  # ruleid: tf-s3-public-acl
  acl    = "public-read"
}

resource "aws_s3_bucket_acl" "uploads" {
  bucket = aws_s3_bucket.uploads.id
  # ruleid: tf-s3-public-acl
  acl    = "public-read-write"
}

resource "aws_s3_bucket_acl" "logs" {
  bucket = aws_s3_bucket.logs.id
  # ok: tf-s3-public-acl
  acl    = "log-delivery-write"
}

resource "aws_s3_bucket_acl" "shared" {
  bucket = aws_s3_bucket.shared.id
  access_control_policy {
    grant {
      grantee {
        type = "Group"
        # ruleid: tf-s3-public-acl
        uri  = "http://acs.amazonaws.com/groups/global/AllUsers"
      }
      permission = "READ"
    }
    grant {
      grantee {
        type = "Group"
        # ok: tf-s3-public-acl
        uri  = "http://acs.amazonaws.com/groups/s3/LogDelivery"
      }
      permission = "WRITE"
    }
    owner {
      id = data.aws_canonical_user_id.current.id
    }
  }
}

resource "aws_s3_bucket" "private" {
  bucket = "example-private"
  # ok: tf-s3-public-acl
  acl    = "private"
}
