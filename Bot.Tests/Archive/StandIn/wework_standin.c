/*
 * A stand-in for Tencent's libWeWorkFinanceSdk_C.so, exporting the functions of WeWorkFinanceSdk_C.h that the bot
 * calls, with the same signatures. Built by the tests with gcc. It serves what the test wrote next to the library:
 *
 *   records.jsonl  one record per line, "<seq> <chatdata entry as JSON>", the entries GetChatData returns after a seq
 *   control        optional, "<mode> <code> <times>": the next <times> GetChatData calls fail with <code>, either as the
 *                  function's return value (mode "return") or inside the JSON (mode "errcode"); rewritten as it counts down
 *   calls.log      appended by GetChatData: "<seq> <limit>" per call, so a test sees how it was called
 *
 * DecryptData's stand-in is reversible and keyed: encrypt_chat_msg = base64(message XOR key), where key is the random
 * key the bot recovered with its RSA private key; a wrong key yields bytes that are not the message.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct WeWorkFinanceSdk_t { int initialised; } WeWorkFinanceSdk_t;
typedef struct Slice_t { char *buf; int len; } Slice_t;

static char directory[4096];

static const char *here(void) {
    if (directory[0] == 0) {
        Dl_info info;
        if (dladdr((void *)&here, &info) && info.dli_fname) {
            strncpy(directory, info.dli_fname, sizeof directory - 1);
            char *slash = strrchr(directory, '/');
            if (slash) *slash = 0; else strcpy(directory, ".");
        }
    }
    return directory;
}

static FILE *open_here(const char *name, const char *mode) {
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", here(), name);
    return fopen(path, mode);
}

static int put(Slice_t *slice, char *text, int len) {
    free(slice->buf);
    slice->buf = text;
    slice->len = len;
    return 0;
}

WeWorkFinanceSdk_t *NewSdk(void) { return calloc(1, sizeof(WeWorkFinanceSdk_t)); }

int Init(WeWorkFinanceSdk_t *sdk, const char *corpid, const char *secret) {
    if (!sdk || !corpid || !secret || !*corpid || !*secret) return 10000;
    sdk->initialised = 1;
    return 0;
}

void DestroySdk(WeWorkFinanceSdk_t *sdk) { free(sdk); }

Slice_t *NewSlice(void) { return calloc(1, sizeof(Slice_t)); }

void FreeSlice(Slice_t *slice) {
    if (!slice) return;
    free(slice->buf);
    free(slice);
}

char *GetContentFromSlice(Slice_t *slice) { return slice ? slice->buf : NULL; }

int GetSliceLen(Slice_t *slice) { return slice ? slice->len : 0; }

/* The injected failure, if any is left: 0 for none. *inside is set when it goes into the JSON. */
static int injected_failure(int *inside) {
    FILE *control = open_here("control", "r");
    if (!control) return 0;
    char mode[16] = {0};
    int code = 0, times = 0;
    int read = fscanf(control, "%15s %d %d", mode, &code, &times);
    fclose(control);
    if (read != 3 || times <= 0) return 0;
    control = open_here("control", "w");
    if (control) {
        fprintf(control, "%s %d %d\n", mode, code, times - 1);
        fclose(control);
    }
    *inside = strcmp(mode, "errcode") == 0;
    return code;
}

int GetChatData(WeWorkFinanceSdk_t *sdk, unsigned long long seq, unsigned int limit, const char *proxy, const char *passwd,
                int timeout, Slice_t *chat_datas) {
    (void)proxy; (void)passwd; (void)timeout;
    FILE *calls = open_here("calls.log", "a");
    if (calls) {
        fprintf(calls, "%llu %u\n", seq, limit);
        fclose(calls);
    }
    if (!sdk || !sdk->initialised || !chat_datas) return 10000;
    if (limit == 0 || limit > 1000) return 10000;

    int inside = 0;
    int failure = injected_failure(&inside);
    if (failure && !inside) return failure;

    size_t capacity = 1 << 16, length = 0;
    char *out = malloc(capacity);
    if (!out) return 10003;
    if (failure) {
        length = (size_t)snprintf(out, capacity, "{\"errcode\":%d,\"errmsg\":\"injected\",\"chatdata\":[]}", failure);
        return put(chat_datas, out, (int)length);
    }
    length = (size_t)snprintf(out, capacity, "{\"errcode\":0,\"errmsg\":\"ok\",\"chatdata\":[");

    FILE *records = open_here("records.jsonl", "r");
    unsigned int served = 0;
    if (records) {
        char *line = NULL;
        size_t size = 0;
        ssize_t got;
        while (served < limit && (got = getline(&line, &size, records)) > 0) {
            char *end = NULL;
            unsigned long long record_seq = strtoull(line, &end, 10);
            if (end == line || record_seq <= seq) continue;
            while (*end == ' ') end++;
            size_t entry = strcspn(end, "\r\n");
            if (length + entry + 8 > capacity) {
                while (length + entry + 8 > capacity) capacity *= 2;
                char *grown = realloc(out, capacity);
                if (!grown) { free(out); free(line); fclose(records); return 10003; }
                out = grown;
            }
            if (served > 0) out[length++] = ',';
            memcpy(out + length, end, entry);
            length += entry;
            served++;
        }
        free(line);
        fclose(records);
    }
    memcpy(out + length, "]}", 3);
    length += 2;
    return put(chat_datas, out, (int)length);
}

static int base64_value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

int DecryptData(const char *encrypt_key, const char *encrypt_msg, Slice_t *msg) {
    if (!encrypt_key || !encrypt_msg || !msg) return 10000;
    size_t key_length = strlen(encrypt_key), text_length = strlen(encrypt_msg);
    if (key_length == 0) return 10008;
    char *plain = malloc(text_length / 4 * 3 + 4);
    if (!plain) return 10003;
    size_t out = 0;
    unsigned int bits = 0;
    int count = 0;
    for (size_t i = 0; i < text_length && encrypt_msg[i] != '='; i++) {
        int value = base64_value(encrypt_msg[i]);
        if (value < 0) { free(plain); return 10006; }
        bits = (bits << 6) | (unsigned int)value;
        count += 6;
        if (count >= 8) {
            count -= 8;
            plain[out] = (char)(((bits >> count) & 0xFF) ^ (unsigned char)encrypt_key[out % key_length]);
            out++;
        }
    }
    plain[out] = 0;
    return put(msg, plain, (int)out);
}
