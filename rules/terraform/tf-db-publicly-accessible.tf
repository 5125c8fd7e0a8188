resource "aws_db_instance" "reporting" {
  identifier          = "reporting"
  engine              = "mysql"
  instance_class      = "db.t3.medium"
  # ruleid: tf-db-publicly-accessible
  publicly_accessible = true
}

resource "aws_rds_cluster_instance" "orders" {
  cluster_identifier  = aws_rds_cluster.orders.id
  instance_class      = "db.r6g.large"
  # ok: tf-db-publicly-accessible
  publicly_accessible = false
}

resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier  = "warehouse"
  node_type           = "ra3.xlplus"
  # ok: tf-db-publicly-accessible
  publicly_accessible = var.warehouse_public
}
