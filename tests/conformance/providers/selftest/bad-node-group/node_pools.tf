# Hand-written: each resource shows one mistake the schema check must catch.
# Expected messages are in ../selftest.sh.

# A misspelt argument.
resource "aws_eks_node_group" "misspelt" {
  cluster_name    = "c"
  node_group_name = "misspelt"
  node_role_arn   = "arn:aws:iam::123456789012:role/n"
  subnet_ids      = ["subnet-1"]
  instance_type   = ["g5.xlarge"]

  scaling_config {
    desired_size = 0
    min_size     = 0
    max_size     = 1
  }
}

# A required argument (node_role_arn) and a required block argument missing.
resource "aws_eks_node_group" "missing" {
  cluster_name    = "c"
  node_group_name = "missing"
  subnet_ids      = ["subnet-1"]

  scaling_config {
    min_size = 0
    max_size = 1
  }
}

# A block written as an argument, an argument written as a block, a block
# allowed once given twice, a wrong path in ignore_changes.
resource "aws_eks_node_group" "nesting" {
  cluster_name    = "c"
  node_group_name = "nesting"
  node_role_arn   = "arn:aws:iam::123456789012:role/n"
  subnet_ids      = ["subnet-1"]
  scaling_config  = { desired_size = 0, min_size = 0, max_size = 1 }

  labels {
    team = "ml"
  }

  update_config {
    max_unavailable = 1
  }

  update_config {
    max_unavailable = 2
  }

  lifecycle {
    ignore_changes = [scaling_config[0].desired]
  }
}

# A resource type with no extracted schema.
resource "aws_eks_addon" "unknown" {
  cluster_name = "c"
  addon_name   = "vpc-cni"
}
