resource "aws_db_instance" "orders" {
  identifier        = "orders"
  engine            = "postgres"
  instance_class    = "db.t3.medium"
  # ruleid: tf-storage-encryption-disabled
  storage_encrypted = false
}

resource "aws_instance" "worker" {
  ami           = data.aws_ami.base.id
  instance_type = "t3.small"
  root_block_device {
    # ruleid: tf-storage-encryption-disabled
    encrypted = false
  }
  ebs_block_device {
    device_name = "/dev/sdf"
    # ok: tf-storage-encryption-disabled
    encrypted   = true
  }
}

resource "aws_opensearch_domain" "search" {
  domain_name = "search"
  encrypt_at_rest {
    # ruleid: tf-storage-encryption-disabled
    enabled = false
  }
  node_to_node_encryption {
    # ok: tf-storage-encryption-disabled
    enabled = true
  }
}

resource "aws_elasticache_replication_group" "cache" {
  replication_group_id       = "cache"
  description                = "sessions"
  # ok: tf-storage-encryption-disabled
  at_rest_encryption_enabled = true
  # ok: tf-storage-encryption-disabled
  auto_minor_version_upgrade = false
}
