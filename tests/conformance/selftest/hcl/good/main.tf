terraform {
  required_version = ">= 1.5"
}

variable "gpu_nodes" {
  type    = number
  default = 2
}

locals {
  pool = "gpu-${var.gpu_nodes}"
}

resource "null_resource" "pool" {
  triggers = { name = local.pool }
}

output "pool" {
  value = local.pool
}
