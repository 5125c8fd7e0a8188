resource "aws_security_group" "bastion" {
  name   = "bastion"
  vpc_id = var.vpc_id

  # ruleid: tf-security-group-open-admin-port
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  # ok: tf-security-group-open-admin-port
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  # ok: tf-security-group-open-admin-port
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["10.20.0.0/16"]
  }

  # ok: tf-security-group-open-admin-port
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

# ruleid: tf-security-group-open-admin-port
resource "aws_security_group_rule" "db_world" {
  type              = "ingress"
  cidr_blocks       = ["0.0.0.0/0", "10.0.0.0/8"]
  from_port         = 5432
  to_port           = 5432
  protocol          = "tcp"
  security_group_id = aws_security_group.db.id
}

# ok: tf-security-group-open-admin-port
resource "aws_security_group_rule" "all_out" {
  type              = "egress"
  from_port         = 0
  to_port           = 65535
  protocol          = "-1"
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = aws_security_group.db.id
}

# ruleid: tf-security-group-open-admin-port
resource "aws_vpc_security_group_ingress_rule" "everything" {
  security_group_id = aws_security_group.app.id
  cidr_ipv6         = "::/0"
  ip_protocol       = "-1"
}

# ruleid: tf-security-group-open-admin-port
resource "google_compute_firewall" "ssh" {
  name    = "allow-ssh"
  network = google_compute_network.main.name
  allow {
    protocol = "tcp"
    ports    = ["22", "80"]
  }
  source_ranges = ["0.0.0.0/0"]
}

# ok: tf-security-group-open-admin-port
resource "google_compute_firewall" "https" {
  name    = "allow-https"
  network = google_compute_network.main.name
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_ranges = ["0.0.0.0/0"]
}

# ruleid: tf-security-group-open-admin-port
resource "azurerm_network_security_rule" "rdp" {
  name                        = "rdp"
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_address_prefix       = "*"
  destination_port_range      = "3389"
  resource_group_name         = azurerm_resource_group.main.name
  network_security_group_name = azurerm_network_security_group.main.name
}

# ok: tf-security-group-open-admin-port
resource "azurerm_network_security_rule" "deny_rdp" {
  name                        = "deny-rdp"
  direction                   = "Inbound"
  access                      = "Deny"
  protocol                    = "Tcp"
  source_address_prefix       = "*"
  destination_port_range      = "3389"
  resource_group_name         = azurerm_resource_group.main.name
  network_security_group_name = azurerm_network_security_group.main.name
}
