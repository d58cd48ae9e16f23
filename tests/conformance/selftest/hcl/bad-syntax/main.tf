variable "gpu_nodes" {
  type = number
  default = 
}
