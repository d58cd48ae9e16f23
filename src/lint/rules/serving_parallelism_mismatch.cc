// Rule `serving-parallelism-mismatch`: an LLM server (vLLM, SGLang, TGI,
// TensorRT-LLM) starts more or fewer GPU workers than its container gets GPUs.
#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lint/rules/common.h"
#include "lint/rules/rules.h"

namespace mlspec::lint {
namespace {

constexpr RuleInfo kInfo{
    .id = "serving-parallelism-mismatch",
    .default_severity = Severity::kError,
    .category = Category::kGpu,
    .summary = "An LLM server's tensor/pipeline/data parallelism differs from its container's GPU count.",
    .rationale =
        "An inference server starts one worker per GPU it is told to use: vLLM tensor-parallel-size x "
        "pipeline-parallel-size x data-parallel-size (`--tensor-parallel-size`/`-tp`, `--pipeline-parallel-size`/"
        "`-pp`, `--data-parallel-size`/`-dp` in vllm-project/vllm vllm/engine/arg_utils.py), SGLang `--tp-size` x "
        "`--pp-size` x `--dp-size`, TGI one shard per GPU (`--num-shard` or `NUM_SHARD`), TensorRT-LLM's "
        "`trtllm-serve` `--tp_size` x `--pp_size`. Asking for more workers than the container's GPUs makes the server "
        "fail at start (it cannot place the ranks, or NCCL init fails), and the pod crash-loops; fewer leaves GPUs "
        "allocated and billed but idle. A guide raising `nvidia.com/gpu` without the server flag (or the other way "
        "round) is the usual cause. Multi-node layouts are not checked: LeaderWorkerSet and KubeRay pods, "
        "`--nnodes`/`--node-rank`, vLLM's Ray executor, headless and `--data-parallel-*` rank options; nor are "
        "values that are not plain integers, or GPU counts that are placeholders.",
    .fix = "Make the product of the parallel sizes equal the container's GPU limit, or change the GPU limit.",
    .bad_example =
        "containers:\n- name: vllm\n  image: vllm/vllm-openai:v0.6.3\n  args: [\"--model\", "
        "\"meta-llama/Llama-3.1-70B\", "
        "\"--tensor-parallel-size\", \"4\"]\n  resources:\n    limits:\n      nvidia.com/gpu: 2",
    .good_example =
        "containers:\n- name: vllm\n  image: vllm/vllm-openai:v0.6.3\n  args: [\"--model\", "
        "\"meta-llama/Llama-3.1-70B\", "
        "\"--tensor-parallel-size\", \"4\"]\n  resources:\n    limits:\n      nvidia.com/gpu: 4",
    .enabled_by_default = true,
    .needs_spec = false,
};

struct Flag {
  std::string_view shown;  // the spelling used, for the message
  std::string_view value;
  NodeId node = kNoNode;  // the command/args item holding the value
};

// The value of the first of `names` among `words` (`--x 4` or `--x=4`).
std::optional<Flag> FindFlag(const std::vector<std::string_view>& words, const std::vector<NodeId>& nodes,
                             std::initializer_list<std::string_view> names) {
  for (size_t i = 0; i < words.size(); ++i) {
    for (std::string_view n : names) {
      if (words[i] == n && i + 1 < words.size()) return Flag{n, words[i + 1], nodes[i + 1]};
      if (words[i].size() > n.size() && words[i].starts_with(n) && words[i][n.size()] == '=') {
        return Flag{n, words[i].substr(n.size() + 1), nodes[i]};
      }
    }
  }
  return std::nullopt;
}

bool HasWord(const std::vector<std::string_view>& words, std::initializer_list<std::string_view> names) {
  for (std::string_view w : words) {
    for (std::string_view n : names) {
      if (w == n || (w.starts_with(n) && w.size() > n.size() && w[n.size()] == '=')) return true;
    }
  }
  return false;
}

std::string Lower(std::string_view s) {
  std::string l(s);
  for (char& c : l) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return l;
}

class ServingParallelismMismatch final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void Check(const CheckContext& c) const override {
    const Document& d = c.doc;
    // Pods of these kinds are one node of a multi-node server.
    if (c.obj.kind == "LeaderWorkerSet" || c.obj.api_group == "ray.io") return;
    for (const PodTemplate& t : c.obj.templates) {
      for (const ContainerRef& ct : t.containers) {
        if (ct.init) continue;
        ContainerGpuAsk gpus = ContainerGpuAskOf(d, ct.node);
        if (gpus.count == 0 || !gpus.placeholder.empty()) continue;
        std::vector<NodeId> nodes;
        std::vector<std::string_view> words = CommandWords(d, ct.node, &nodes);
        std::string hay = Lower(Image(d, ct.node));
        for (std::string_view w : words) {
          hay += ' ';
          hay += Lower(w);
        }
        if (HasWord(words, {"--nnodes", "--node-rank", "--num-nodes"})) continue;
        // Each entry: the flag spellings of one parallel dimension.
        std::vector<std::vector<std::string_view>> dims;
        std::string_view server;
        if (hay.find("vllm") != std::string::npos) {
          server = "vLLM";
          if (HasWord(words, {"--headless", "--data-parallel-size-local", "--data-parallel-address",
                              "--data-parallel-rank", "--data-parallel-start-rank"}))
            continue;
          auto backend = FindFlag(words, nodes, {"--distributed-executor-backend"});
          if (backend && backend->value == "ray") continue;
          dims = {
              {"--tensor-parallel-size", "-tp"}, {"--pipeline-parallel-size", "-pp"}, {"--data-parallel-size", "-dp"}};
        } else if (hay.find("sglang") != std::string::npos) {
          server = "SGLang";
          dims = {{"--tp-size", "--tp", "--tensor-parallel-size"}, {"--pp-size", "--pipeline-parallel-size"}};
          // With DP attention the data-parallel ranks share the TP GPUs.
          if (!HasWord(words, {"--enable-dp-attention"})) dims.push_back({"--dp-size", "--dp", "--data-parallel-size"});
        } else if (hay.find("trtllm-serve") != std::string::npos) {
          server = "TensorRT-LLM";
          dims = {{"--tp_size"}, {"--pp_size"}};
        } else if (hay.find("text-generation-inference") != std::string::npos ||
                   hay.find("text-generation-launcher") != std::string::npos) {
          server = "TGI";
          dims = {{"--num-shard"}};
        } else {
          continue;
        }
        int64_t workers = 1;
        bool known = true, any = false;
        std::string how;
        NodeId at = kNoNode;
        for (const auto& names : dims) {
          std::optional<Flag> f;
          for (std::string_view n : names) {
            if ((f = FindFlag(words, nodes, {n}))) break;
          }
          if (!f && server == "TGI") {
            // The launcher reads NUM_SHARD too (clap `env`).
            NodeId env = d.Get(ct.node, "env");
            for (uint32_t i = 0; d.IsSeq(env) && i < d.Size(env); ++i) {
              NodeId e = d.Item(env, i);
              if (d.Text(d.Get(e, "name")) != "NUM_SHARD") continue;
              NodeId v = d.Get(e, "value");
              f = Flag{"NUM_SHARD", d.Text(v), v};
            }
          }
          if (!f) continue;
          auto n = ParseInteger(f->value);
          if (!n || *n < 1) {
            known = false;
            break;
          }
          any = true;
          workers *= *n;
          if (!how.empty()) how += " * ";
          how += std::string(f->shown) + " " + std::to_string(*n);
          if (at == kNoNode) at = f->node;
        }
        if (!known || !any || workers == gpus.count) continue;
        std::string head = c.obj.Display() + ": " + std::string(server) + " in container " +
                           Quote(ContainerName(d, ct)) + " starts " + std::to_string(workers) + " GPU workers (" + how +
                           ") but the container gets " + Gpus(gpus.count);
        if (workers > gpus.count) {
          head += "; the server fails at start and the pod crash-loops. Ask for " + Gpus(workers) +
                  " or lower the parallel sizes";
        } else {
          head += ", leaving " + std::to_string(gpus.count - workers) +
                  " idle. Raise the parallel sizes to use them all or ask for " + Gpus(workers);
        }
        c.out.Report(kInfo, at, ct.path, head);
      }
    }
  }
};

}  // namespace

const Rule& ServingParallelismMismatchRule() {
  static const ServingParallelismMismatch rule;
  return rule;
}

}  // namespace mlspec::lint
