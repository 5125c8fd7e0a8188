resource "aws_iam_policy" "ci_deploy" {
  name = "ci-deploy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      # ruleid: tf-iam-wildcard-policy
      { Effect = "Allow", Action = "*", Resource = "*" },
      # ok: tf-iam-wildcard-policy
      { Effect = "Allow", Action = ["s3:GetObject"], Resource = "*" },
      # ok: tf-iam-wildcard-policy
      { Effect = "Deny", Action = "*", Resource = "*", Condition = { Bool = { "aws:SecureTransport" = "false" } } },
    ]
  })
}

data "aws_iam_policy_document" "admin" {
  # ruleid: tf-iam-wildcard-policy
  statement {
    actions   = ["*"]
    resources = ["*"]
  }
  # ok: tf-iam-wildcard-policy
  statement {
    actions   = ["s3:GetObject", "s3:ListBucket"]
    resources = [aws_s3_bucket.assets.arn, "${aws_s3_bucket.assets.arn}/*"]
  }
}

resource "aws_iam_role_policy" "legacy" {
  name = "legacy"
  role = aws_iam_role.legacy.id
  # ruleid: tf-iam-wildcard-policy
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]
}
EOF
}

resource "aws_iam_role_policy" "reader" {
  name = "reader"
  role = aws_iam_role.reader.id
  # ok: tf-iam-wildcard-policy
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Action": "logs:GetLogEvents", "Resource": "*"}]
}
EOF
}
