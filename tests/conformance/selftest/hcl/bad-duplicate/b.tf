resource "null_resource" "pool" {}
