#include "validate/container.h"

#include "base/text.h"
#include "validate/references.h"

namespace mlspec {

void CheckContainer(const Spec& spec, const ContainerSpec& c, const std::string& where, const std::string& what,
                    const std::string& namespace_name, int pods, Diagnostics& diags) {
  if (c.env.count("CUDA_VISIBLE_DEVICES"))
    diags.Error(c.env_locs.At("CUDA_VISIBLE_DEVICES"),
                where +
                    " `env` sets CUDA_VISIBLE_DEVICES; the NVIDIA device plugin sets it to the GPUs the pod "
                    "was given, and overriding it hides them or names GPUs of other pods; remove it");
  for (const JobVolume& v : c.volumes) {
    if (v.path.empty() || v.path[0] != '/' || v.path == "/dev/shm" || v.path.starts_with("/dev/shm/")) {
      diags.Error(v.loc, where + " volume mount path \"" + v.path +
                             "\" must be absolute and not /dev/shm "
                             "(the profile's `shm` sizes /dev/shm)");
      continue;
    }
    auto st = spec.storage.find(v.storage);
    if (st == spec.storage.end()) {
      diags.Error(v.loc, where + " volume \"" + v.path + "\": " + Undefined("storage", v.storage, Keys(spec.storage)));
      continue;
    }
    if (st->second.namespace_name != namespace_name) {
      diags.Error(v.loc, where + " volume \"" + v.path + "\": storage " + Quote(v.storage) + " is in namespace " +
                             Quote(st->second.namespace_name) + ", " + what + " in " + Quote(namespace_name) +
                             "; a pod can only mount claims of its own namespace");
      continue;
    }
    if (pods > 1 && !st->second.shared_across_nodes())
      diags.Error(v.loc, where + " volume \"" + v.path + "\": storage " + Quote(v.storage) + " is " +
                             st->second.access_mode + ", but " + what + " runs " + std::to_string(pods) +
                             " pods at once, which can land on different nodes; use access_mode = "
                             "\"ReadWriteMany\" (or \"ReadOnlyMany\" to read)");
  }
}

}  // namespace mlspec
