/* The whole C ABI of the Workbench engine (libtorch underneath).
 *
 * Conventions: every function that can fail returns int32_t (0 = ok, non-zero = error) or a
 * handle (NULL = error); the message of the last failure on the calling thread is read with
 * wb_last_error(). No C++ exception ever crosses this boundary. Handles are opaque and freed
 * with their *_free function. Images are uint8 RGB, NHWC, square (size x size).
 *
 * Ownership: every pointer argument stays owned by the caller and is only read (or, for out
 * buffers, written) during the call; the engine keeps no pointer into caller memory after a
 * call returns (images are copied by wb_images_create). Handles belong to the caller until
 * their *_free; a trainer additionally keeps its model's state alive (shared ownership), so
 * wb_model_free may come before wb_trainer_free.
 *
 * Text out-parameters (wb_model_load's report, wb_model_state_names): the caller passes a
 * buffer out[out_len] and a non-NULL int64_t* needed. The engine writes at most out_len - 1
 * bytes plus a NUL and sets *needed to the full text's size including its NUL. The text is
 * complete iff *needed <= out_len; otherwise nothing is lost silently: call again with a buffer
 * of *needed bytes (out may be NULL with out_len 0 to ask for the size only).
 *
 * Threads: calls on different models / trainers may run concurrently. A model is NOT
 * thread-safe: training and prediction switch its train/eval mode and read or write its
 * weights, so every call that takes a given model -- and every call on a trainer of that model
 * -- must be serialised by the caller (one at a time; a lock per model). Image sets are
 * read-only after creation and may be shared by concurrent calls. Per group below: what else
 * holds. No call may race with the *_free of a handle it uses.
 */
#ifndef WORKBENCH_H
#define WORKBENCH_H
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WB_API __attribute__((visibility("default")))

typedef struct wb_model wb_model;
typedef struct wb_trainer wb_trainer;
typedef struct wb_images wb_images;
typedef struct wb_dist wb_dist;

/* --- runtime ------------------------------------------------------------------------- */
/* Thread-safe. The returned text is owned by the engine, per calling thread, valid until that
 * thread's next call into the engine. */
WB_API const char* wb_last_error(void);
/* Thread-safe; a static string owned by the engine. */
WB_API const char* wb_version(void);
/* Process-wide libtorch intra-op thread count; n < 1 is an error. Call it before work starts,
 * not while another thread trains or predicts (libtorch's thread pool is not resized safely
 * under running work). */
WB_API int32_t wb_set_num_threads(int32_t n);
WB_API int32_t wb_get_num_threads(void);    /* thread-safe */
WB_API int32_t wb_cuda_is_available(void);  /* thread-safe */

/* --- image decoding (libjpeg-turbo / libpng / libtiff) -------------------------------- */
/* Thread-safe (no shared state besides libtiff's process-wide message handler, which only
 * writes a per-thread buffer). Decodes a JPEG (RGB, grayscale, CMYK or YCCK), PNG or TIFF
 * (8/16-bit grayscale or RGB, first page; 16 bits are scaled to 8) file to RGB, squashes it to
 * size x size with area averaging, writes size*size*3 bytes to out. Also returns the original
 * width/height. path and out stay owned by the caller. */
WB_API int32_t wb_decode_image(const char* path, int32_t size, uint8_t* out,
                               int32_t* orig_width, int32_t* orig_height);

/* --- image sets: uint8 images copied once into engine memory ------------------------- */
/* data (count*size*size*3 bytes) is copied; the caller may free it after the call. The set is
 * read-only afterwards: any number of concurrent calls may read it. */
WB_API wb_images* wb_images_create(const uint8_t* data, int64_t count, int32_t size);
WB_API void wb_images_free(wb_images* images);

/* --- models -------------------------------------------------------------------------- */
/* arch: "resnet18" | "senet8" (8 conv + BN + max-pool + squeeze-excitation) | "smallcnn" |
 * "cnn4" (4 blocks of conv-BN-ReLU-max-pool, widths 32..256, embedding 256) | "cnn4-dropout"
 * (cnn4 with dropout 0.5 between the embedding and the classifier, for MC-dropout).
 * device: "cpu" | "cuda" | "cuda:N". Initialisation is deterministic for a seed; creation is
 * thread-safe (serialised inside, as it draws from libtorch's global generator).
 * All other wb_model_* calls and wb_predict: serialise per model (see Threads above).
 * wb_model_free drops the caller's reference; trainers of the model keep its state alive. */
WB_API wb_model* wb_model_create(const char* arch, int32_t num_classes, int64_t seed,
                                 const char* device);
WB_API void wb_model_free(wb_model* model);
WB_API int32_t wb_model_num_classes(const wb_model* model);
/* The training dropout rate between the embedding and the classifier (senet8 0.3, cnn4-dropout
 * 0.5, others 0); -1 for NULL. */
WB_API double wb_model_head_dropout(const wb_model* model);
WB_API int32_t wb_model_embedding_dim(const wb_model* model);
WB_API int64_t wb_model_parameter_count(const wb_model* model);
/* Copies all parameters and buffers from src into dst (same arch and shapes). Neither model
 * may be in use by another thread during the call. */
WB_API int32_t wb_model_copy_from(wb_model* dst, const wb_model* src);
/* Checkpoint: a pickled dict name -> tensor (torch.load-able in Python). */
WB_API int32_t wb_model_save(const wb_model* model, const char* path);
/* Loads a state dict file: our checkpoints, and files saved by PyTorch with torch.save of a
 * state dict (an OrderedDict or dict of name -> tensor, e.g. torchvision's own .pth files) in
 * either the zip format (default since PyTorch 1.6) or the legacy format. Nothing in the file
 * is executed: only tensors, dicts and OrderedDicts are read. strict=1: any missing,
 * unexpected or mismatched key is an error (the model is left unchanged). strict=0: loads what
 * matches. The report (one line per key: "missing <name>", "unexpected <name>",
 * "mismatch <name> <file shape> <model shape>", last line "loaded <n>") follows the text
 * out-parameter convention above; calling again for a larger buffer repeats the load, which
 * gives the same result for the same file. */
WB_API int32_t wb_model_load(wb_model* model, const char* path, int32_t strict, char* report,
                             int64_t report_len, int64_t* needed);
/* enabled != 0 (the default): on CPU, wb_predict runs an inference copy of the weights with
 * every batch norm folded into the convolution before it, packed for oneDNN (as
 * torch.jit.freeze + optimize_for_inference would); the copy is made on the first prediction and
 * made again after anything that writes the weights (training, load, copy, broadcast), and
 * holds as much memory as the weights themselves.
 * Probabilities equal the eager ones up to float rounding (tested: within 1e-4). 0: wb_predict
 * runs the eager modules (the reference the folded path is tested against). Serialise per model. */
WB_API int32_t wb_model_set_folded_inference(wb_model* model, int32_t enabled);
/* Precision of everything the model computes: 0 = fp32 (the default), 1 = bf16 as PyTorch's
 * autocast runs it: convolutions and matrix products in bfloat16, weights, gradients, optimizer
 * state, loss and batch-norm statistics in float32; prediction's folded plan then holds bfloat16
 * weights. Applies to wb_trainer_step (single and data-parallel), wb_pretrainer_step and
 * wb_predict. Whether the CPU runs bf16 natively (AVX512_BF16, AMX) is the caller's question:
 * without it oneDNN emulates bf16, correctly but slowly. Serialise per model. */
WB_API int32_t wb_model_set_precision(wb_model* model, int32_t precision);
WB_API int32_t wb_model_precision(const wb_model* model); /* -1 for NULL */
/* Names of the state-dict entries, newline separated, for inspection (text out-parameter). */
WB_API int32_t wb_model_state_names(const wb_model* model, char* out, int64_t out_len,
                                    int64_t* needed);
/* Sum of all parameters and buffers as doubles: a cheap fingerprint for tests. */
WB_API double wb_model_checksum(const wb_model* model);

/* --- training ------------------------------------------------------------------------ */
/* aug_flags bits: 1 rotate 0-360, 2 horizontal flip, 4 vertical flip, 8 shift <= 12.5%,
 * 16 rotate by a random multiple of 90 degrees. */
enum { WB_AUG_ROTATE = 1, WB_AUG_HFLIP = 2, WB_AUG_VFLIP = 4, WB_AUG_SHIFT = 8, WB_AUG_ROT90 = 16 };
/* A trainer shares ownership of its model's state: the model handle may be freed first and the
 * trainer keeps working on the (now caller-invisible) model. A trainer is used by one thread at
 * a time, and its calls are serialised with every other call on its model. */
WB_API wb_trainer* wb_trainer_create(wb_model* model, double lr, double momentum,
                                     double weight_decay, int64_t seed);
WB_API void wb_trainer_free(wb_trainer* trainer);
WB_API int32_t wb_trainer_set_lr(wb_trainer* trainer, double lr);
/* One SGD step on the batch images[indices[0..n)] with labels; class_weights has
 * num_classes entries (NULL = uniform). Writes the mean loss and the number of correct
 * predictions in the batch. */
WB_API int32_t wb_trainer_step(wb_trainer* trainer, const wb_images* images,
                               const int64_t* indices, const int64_t* labels, int32_t n,
                               const float* class_weights, int32_t aug_flags, float* loss,
                               int32_t* correct);

/* --- consistency training (FixMatch) ------------------------------------------------ */
/* Sohn et al. 2020: one SGD step on a labelled batch (cross-entropy on a weak view, as
 * wb_trainer_step) plus m unlabelled images, each seen twice: a weak view (aug_flags of the
 * options) whose prediction, when its top probability reaches the threshold, becomes the
 * pseudo-label of a strong view of the same image (random resized crop, quarter turns and flips,
 * brightness / contrast / saturation jitter without hue, optional grey, cut-out square). The loss
 * is CE(labelled) + weight * mean over the m images of mask * CE(strong, pseudo-label); all
 * 2m + n views go through one forward pass (batch norm sees them together, as the reference
 * implementation's interleaving). No gradient flows through the weak view's prediction. */
typedef struct wb_consistency_options {
  double threshold;       /* pseudo-label when the weak view's top probability >= threshold, (0, 1] */
  double weight;          /* weight of the unlabelled loss, >= 0 */
  double crop_min_scale;  /* strong view: crop area fraction drawn in [crop_min_scale, 1], (0, 1] */
  double jitter;          /* strong view: brightness / contrast / saturation in [1 - jitter, 1 + jitter], [0, 1) */
  double grey;            /* strong view: share turned grey (only when jitter > 0), [0, 1] */
  double cutout;          /* strong view: side of the cut-out square / image side, [0, 1); 0 = none */
  int32_t aug_flags;      /* weak views (labelled and unlabelled): WB_AUG_* as wb_trainer_step */
  int32_t strong_flags;   /* strong view symmetries: WB_AUG_HFLIP | WB_AUG_VFLIP | WB_AUG_ROT90 only */
} wb_consistency_options;
/* Same threads and ownership as wb_trainer_step; the trainer must have no group attached (the
 * step runs on one process). n >= 2 labelled, m >= 1 unlabelled. Writes the labelled loss, the
 * unlabelled loss (already weighted), the labelled batch's correct count, and per unlabelled
 * image the weak view's argmax and top probability (pseudo_labels, confidences: caller-owned
 * arrays of m, either may be NULL); the caller derives the mask rate from the confidences. */
WB_API int32_t wb_trainer_consistency_step(wb_trainer* trainer, const wb_images* images,
                                           const int64_t* indices, const int64_t* labels, int32_t n,
                                           const int64_t* unlabelled, int32_t m,
                                           const float* class_weights,
                                           const wb_consistency_options* options, float* loss,
                                           float* unlabelled_loss, int32_t* correct,
                                           int64_t* pseudo_labels, float* confidences);

/* --- prediction (eval mode, no augmentation) ----------------------------------------- */
/* For images[indices[0..n)], in batches: probs [n, num_classes], embeddings
 * [n, embedding_dim] (either may be NULL; caller-owned buffers of that many floats). Puts the
 * model in eval mode: serialise with training and every other call on the model. */
WB_API int32_t wb_predict(wb_model* model, const wb_images* images, const int64_t* indices,
                          int64_t n, int32_t batch_size, float* probs, float* embeddings);

/* MC-dropout (Gal & Ghahramani 2016): for images[indices[0..n)], the embedding once in eval
 * mode (as wb_predict), then `samples` passes of the classifier over it, each with a fresh
 * dropout mask at the model's own training rate (wb_model_head_dropout, which must be > 0):
 * since the architectures' only dropout sits there, this is the full MC-dropout posterior at the
 * cost of one backbone pass. probs: caller-owned [n, samples, num_classes] floats. The masks come
 * from a generator seeded with `seed` (same seed, same samples). Threads as wb_predict. */
WB_API int32_t wb_predict_mc_dropout(wb_model* model, const wb_images* images,
                                     const int64_t* indices, int64_t n, int32_t batch_size,
                                     int32_t samples, int64_t seed, float* probs);

/* --- contrastive pretraining (SimCLR) ------------------------------------------------- */
/* Self-supervised pretraining of a model's backbone: two random views of every image of a
 * batch, the backbone's embedding, a projection head (Linear-ReLU-Linear, hidden width = the
 * embedding width), and the NT-Xent loss over the 2n views. No labels are read. The model's
 * classifier head (fc) is not trained (it keeps its seeded initial weights); the projection
 * head lives only in the pretrainer and is dropped with it, so wb_model_save of the model
 * afterwards writes the pretrained backbone as an ordinary checkpoint. */
typedef struct wb_pretrainer wb_pretrainer;
typedef struct wb_pretrain_options {
  double temperature;     /* NT-Xent temperature, > 0 (SimCLR: 0.1 - 0.5) */
  double lr;              /* SGD learning rate, > 0 (wb_pretrainer_set_lr changes it) */
  double momentum;        /* [0, 1) */
  double weight_decay;    /* >= 0 */
  double crop_min_scale;  /* random resized crop: area fraction drawn in [crop_min_scale, 1], (0, 1] */
  double jitter;          /* colour jitter: brightness, contrast, saturation factors in [1 - jitter,
                             1 + jitter] on 80% of the views, grey on 20%; [0, 1), 0 = none */
  int64_t seed;           /* the views' random generator and the projection head's initialisation */
  int32_t projection_dim; /* width of the projection head's output, >= 1 */
  int32_t aug_flags;      /* view symmetries: WB_AUG_HFLIP | WB_AUG_VFLIP | WB_AUG_ROT90 only */
} wb_pretrain_options;
/* Ownership and threads as for a trainer: options is only read during the call; the pretrainer
 * shares ownership of its model's state (the model handle may be freed first); it is used by
 * one thread at a time and its calls are serialised with every other call on its model.
 * Creation draws the head's initial weights under the same lock as wb_model_create. */
WB_API wb_pretrainer* wb_pretrainer_create(wb_model* model, const wb_pretrain_options* options);
WB_API void wb_pretrainer_free(wb_pretrainer* pretrainer);
WB_API int32_t wb_pretrainer_set_lr(wb_pretrainer* pretrainer, double lr);
/* One SGD step on two views of images[indices[0..n)] (n >= 2: every image needs a negative).
 * Writes the batch's NT-Xent loss and the share of the 2n views whose most similar other view
 * is their own partner (a cheap sign of learning); either pointer may be NULL. */
WB_API int32_t wb_pretrainer_step(wb_pretrainer* pretrainer, const wb_images* images,
                                  const int64_t* indices, int32_t n, float* loss,
                                  float* pair_accuracy);
/* The NT-Xent loss of n pairs of projections z1[i], z2[i] (each [n, dim] row-major floats,
 * caller-owned, only read) at a temperature, written to *loss: the same function the
 * pretrainer minimises, exposed so it can be checked against a reference. Thread-safe. */
WB_API int32_t wb_nt_xent(const float* z1, const float* z2, int64_t n, int32_t dim,
                          double temperature, float* loss);

/* --- distributed (c10d: a TCPStore rendezvous and a Gloo or NCCL process group) -------- */
/* A process group joins world_size processes, like torchrun's MASTER_ADDR, MASTER_PORT,
 * WORLD_SIZE and RANK: rank 0 serves a TCPStore on master_addr:master_port, every rank connects
 * to it, checks its world size against rank 0's and claims its rank once; then the process group
 * is built. backend: "gloo" (CPU) or "nccl" (only in a CUDA build with WB_WITH_NCCL). timeout_ms
 * bounds the rendezvous and every collective: an unreachable master, a wrong WORLD_SIZE, a
 * duplicate RANK, a rank that never comes or dies later are errors (NULL / non-zero) with a
 * message naming the problem, within about timeout_ms, not a hang.
 * Threads: a group is used by one thread at a time, and every collective below (and every
 * wb_trainer_step of a trainer attached to the group) must be called in the same order on all
 * ranks -- c10d's rule; a rank that skips one makes the others fail at the timeout.
 * Ownership: trainers attached with wb_trainer_set_dist share the group; wb_dist_free drops the
 * caller's reference. */
WB_API wb_dist* wb_dist_create(const char* backend, const char* master_addr, int32_t master_port,
                               int32_t world_size, int32_t rank, int64_t timeout_ms);
WB_API void wb_dist_free(wb_dist* dist);
WB_API int32_t wb_dist_rank(const wb_dist* dist);        /* -1 for NULL */
WB_API int32_t wb_dist_world_size(const wb_dist* dist);  /* -1 for NULL */
WB_API int32_t wb_dist_barrier(wb_dist* dist);
/* Overwrites the model's parameters and buffers (buffers_only != 0: only the buffers, i.e. the
 * batch-norm statistics) with root's (collective). Serialise with every other call on the model. */
WB_API int32_t wb_dist_broadcast_model(wb_dist* dist, wb_model* model, int32_t root, int32_t buffers_only);
/* Attaches (dist non-NULL) or detaches (NULL) a group. While attached, wb_trainer_step is a
 * collective: n is this rank's share of the global batch (0 or >= 2 images); batch-norm buffers
 * come from rank 0 first (as DDP's broadcast_buffers), each rank normalises its own share, the
 * gradients of the weighted loss sum are all-reduced in flattened buckets and divided by the
 * global weight sum -- the gradient of the global batch's weighted mean loss -- and loss /
 * correct describe the whole global batch (indices and labels may be NULL on a rank with n = 0). The all-reduce
 * overlaps the backward pass: gradients are packed into buckets (DDP's caps: 1 MiB first, then 25 MiB) in the order
 * backward produces them, and each bucket is all-reduced as soon as it is full, in bucket order on every rank. */
WB_API int32_t wb_trainer_set_dist(wb_trainer* trainer, wb_dist* dist);
/* Collective: rows x cols floats from each rank (rows may differ by rank); root receives all of
 * them in rank order in out (out_rows x cols floats, out_rows = the sum of rows, else an error on
 * root); out is ignored on the other ranks and may be NULL there. */
WB_API int32_t wb_dist_gather_floats(wb_dist* dist, const float* local, int64_t rows, int32_t cols,
                                     float* out, int64_t out_rows, int32_t root);
/* Collective: overwrites values[0..count) with root's on every rank (e.g. the ids and labels a
 * round added, chosen on rank 0). count must be the same on every rank (send a length first when
 * it is only known on root); a count that differs is an error or a timeout, not a partial copy.
 * values stays owned by the caller and is written only after the collective has completed; it is
 * read on root and written on every rank. Threads: as every collective above. */
WB_API int32_t wb_dist_broadcast_int64(wb_dist* dist, int64_t* values, int64_t count, int32_t root);

#ifdef __cplusplus
}
#endif
#endif
