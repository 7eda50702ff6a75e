# Kernel tests: drives the Workbench kernel with Debian's jupyter_client (a client none of us wrote).
"""Usage: python3 jupyter_checks.py SCENARIO KERNEL_NAME LOG_FILE

Starts the kernel through its kernelspec (JUPYTER_PATH must point at it), runs one scenario and prints
'ok: <check>' per passed check. Any failed check raises, so the exit code is non-zero.
Scenarios: protocol, completion, interrupt, restart, badinput.
"""
import queue
import sys
import time

import jupyter_client
import zmq
from jupyter_client.session import Session

TIMEOUT = 120


def ok(what):
    print("ok:", what, flush=True)


def start(name, log):
    km = jupyter_client.KernelManager(kernel_name=name)
    km.start_kernel(stderr=log)
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=TIMEOUT)
    return km, kc


def shell_reply(kc, msg_id):
    """The shell reply to msg_id, skipping kernel_info replies left over from wait_for_ready's polling."""
    while True:
        reply = kc.get_shell_msg(timeout=TIMEOUT)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply
        assert reply["msg_type"] == "kernel_info_reply", f"reply to another request: {reply}"


def run(kc, code, **kwargs):
    """Executes code; returns (reply content, [(msg_type, content, arrival time)] of iopub for this request)."""
    msg_id = kc.execute(code, **kwargs)
    messages = []
    while True:
        msg = kc.get_iopub_msg(timeout=TIMEOUT)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        messages.append((msg["msg_type"], msg["content"], time.monotonic()))
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
    return shell_reply(kc, msg_id)["content"], messages


def outputs(messages):
    """Output messages with consecutive stream chunks of the same name merged (as front ends show them)."""
    merged = []
    for kind, content, _ in messages:
        if kind in ("status", "execute_input"):
            continue
        if kind == "stream" and merged and merged[-1][0] == "stream" and merged[-1][1]["name"] == content["name"]:
            merged[-1] = ("stream", {"name": content["name"], "text": merged[-1][1]["text"] + content["text"]})
        else:
            merged.append((kind, content))
    return merged


def request(kc, kind, **content):
    msg = kc.session.msg(kind, content)
    kc.shell_channel.send(msg)
    return shell_reply(kc, msg["header"]["msg_id"])


def protocol(kc):
    info = request(kc, "kernel_info_request")["content"]
    assert info["status"] == "ok" and info["protocol_version"] == "5.3", info
    assert info["language_info"]["name"] == "C#" and info["implementation"] == "workbench", info
    ok("kernel_info")

    first, messages = run(kc, "var x = 41;")
    assert first["status"] == "ok", first
    kinds = [m[0] for m in messages]
    assert kinds[0] == "status" and messages[0][1]["execution_state"] == "busy" and kinds[1] == "execute_input", kinds
    second, messages = run(kc, "x + 1")
    assert second["execution_count"] == first["execution_count"] + 1, (first, second)
    assert outputs(messages) == [("execute_result", {"data": {"text/plain": "42"}, "metadata": {},
                                                     "execution_count": second["execution_count"]})], messages
    reply, messages = run(kc, "x = 50;", silent=True)
    assert reply["status"] == "ok" and [m[0] for m in messages] == ["status", "status"], messages
    third, _ = run(kc, "x")
    assert third["execution_count"] == second["execution_count"] + 1, "a silent request took an execution count"
    ok("state across cells, execution counts, execute_result, silent requests")

    _, messages = run(kc, 'Console.WriteLine("a"); display("b"); Console.Error.WriteLine("c"); Console.WriteLine("d"); 5')
    got = [(k, c.get("name") or c.get("data", {}).get("text/plain")) for k, c in outputs(messages)]
    assert got == [("stream", "stdout"), ("display_data", "b"), ("stream", "stderr"), ("stream", "stdout"), ("execute_result", "5")], got
    assert [c.get("text") for k, c in outputs(messages) if k == "stream"] == ["a\n", "c\n", "d\n"], messages
    ok("stream order: stdout, display, stderr, stdout, result")

    _, messages = run(kc, 'Console.WriteLine("tick"); await Task.Delay(3000); Console.WriteLine("tock");')
    tick = next(t for k, c, t in messages if k == "stream" and "tick" in c["text"])
    idle = messages[-1][2]
    assert idle - tick > 1.5, f"first line arrived only {idle - tick:.2f}s before the end: output was buffered"
    ok(f"stdout streamed while the cell runs ({idle - tick:.2f}s before idle)")

    reply, messages = run(kc, 'throw new InvalidOperationException("boom");')
    assert reply["status"] == "error" and reply["ename"] == "System.InvalidOperationException" and reply["evalue"] == "boom", reply
    errors = [c for k, c in outputs(messages) if k == "error"]
    assert len(errors) == 1 and errors[0]["traceback"][0].startswith("System.InvalidOperationException: boom"), errors
    reply, _ = run(kc, "int broken = \"text\";")
    assert reply["status"] == "error" and reply["ename"] == "CompilationError" and "CS0029" in reply["evalue"], reply
    ok("runtime and compile errors: error message + status error reply")

    failing = kc.execute('await Task.Delay(1500); throw new Exception("first");')
    queued = kc.execute('Console.WriteLine("must not run");')
    assert shell_reply(kc, failing)["content"]["status"] == "error"
    reply = shell_reply(kc, queued)["content"]
    assert reply["status"] == "aborted", reply
    reply, messages = run(kc, 'Console.WriteLine("runs again");')
    assert reply["status"] == "ok" and outputs(messages) == [("stream", {"name": "stdout", "text": "runs again\n"})], messages
    ok("stop_on_error: a cell queued behind a failing one is aborted, later cells run")

    _, messages = run(kc, 'var handle = display("one"); handle.Update("two");')
    shown = outputs(messages)
    assert [k for k, _ in shown] == ["display_data", "update_display_data"], shown
    assert shown[0][1]["transient"]["display_id"] == shown[1][1]["transient"]["display_id"], shown
    assert shown[1][1]["data"]["text/plain"] == "two", shown
    ok("update_display_data for a display handle")

    run(kc, "Workbench.Loop.Experiment experiment = null!;")
    code = "experiment.RunR"
    reply = request(kc, "complete_request", code=code, cursor_pos=len(code))["content"]
    assert reply["status"] == "ok" and "RunRound" in reply["matches"], reply
    assert reply["cursor_start"] == len("experiment.") and reply["cursor_end"] == len(code), reply
    code = "experiment."
    reply = request(kc, "complete_request", code=code, cursor_pos=len(code))["content"]
    assert {"Run", "Train", "Evaluate"} <= set(reply["matches"]), reply
    ok("completion of Experiment members from an earlier cell's variable")

    code = "experiment.Run("
    reply = request(kc, "inspect_request", code=code, cursor_pos=len("experiment.Run"), detail_level=0)["content"]
    text = reply["data"].get("text/plain", "")
    assert reply["found"] and "Experiment.Run(" in text and "CancellationToken" in text and "\n\n" in text, reply
    ok("inspect: signature and doc summary")

    reply = request(kc, "is_complete_request", code="for (int i = 0; i < 3; i++) {")["content"]
    assert reply["status"] == "incomplete", reply
    assert request(kc, "is_complete_request", code="var y = 1;")["content"]["status"] == "complete"
    ok("is_complete")

    msg_id = kc.execute('var name = input("who? "); Console.WriteLine($"hello {name}");', allow_stdin=True)
    prompt = kc.get_stdin_msg(timeout=TIMEOUT)
    assert prompt["msg_type"] == "input_request" and prompt["content"]["prompt"] == "who? ", prompt
    kc.input("ada")
    reply = shell_reply(kc, msg_id)
    assert reply["content"]["status"] == "ok", reply
    reply, _ = run(kc, "input()", allow_stdin=False)
    assert reply["status"] == "error" and "stdin" in reply["evalue"], reply
    ok("input() over stdin, and a clear error without stdin")

    assert request(kc, "comm_info_request")["content"] == {"status": "ok", "comms": {}}
    assert request(kc, "history_request", hist_access_type="tail", n=10, output=False, raw=True)["content"]["history"] == []
    ok("comm_info and history replies")


def complete(kc, code, cursor_pos=None):
    """(matches, cursor_start, cursor_end, seconds) for a complete_request at cursor_pos (default: the end)."""
    started = time.monotonic()
    reply = request(kc, "complete_request", code=code, cursor_pos=len(code) if cursor_pos is None else cursor_pos)["content"]
    took = time.monotonic() - started
    assert reply["status"] == "ok", reply
    return reply["matches"], reply["cursor_start"], reply["cursor_end"], took


def inspect(kc, code, cursor_pos):
    reply = request(kc, "inspect_request", code=code, cursor_pos=cursor_pos, detail_level=0)["content"]
    assert reply["status"] == "ok", reply
    return reply["found"], reply["data"].get("text/plain", "")


def completion(kc):
    for cell in ['var text = "abc";', "var list = new List<int> { 1, 2, 3 };"]:
        assert run(kc, cell)[0]["status"] == "ok", cell
    # (code, a match it must offer, where the replaced name starts)
    cases = [
        ("text.", "Length", 5), ("text.Len", "Length", 5), ('"abc".Len', "Length", 6),
        ("System.Math.Ma", "Max", 12), ("Math.Ma", "Max", 5),
        ("new[]{1,2}.Sel", "Select", 11), ("list.Where(x => x > 1).", "Select", 23), ("list.Where(x => x > 1).Sel", "Select", 23),
        ("new List<string>().Conv", "ConvertAll", 19),
        ("Presets.", "Poster", 8), ("Workbench.Config.Pres", "Presets", 17), ("Canc", "Cancellation", 0),
    ]
    for code, expected, start in cases:
        matches, cursor_start, cursor_end, _ = complete(kc, code)
        assert expected in matches, (code, matches[:20])
        assert (cursor_start, cursor_end) == (start, len(code)), (code, cursor_start, cursor_end)
        ok(f"completion: {code!r} offers {expected}")
    matches, _, _, _ = complete(kc, "text.To")
    assert "ToUpper" in matches and all(m.lower().startswith("to") for m in matches), matches
    ok("completion: what was typed after the dot filters the members")

    # Jupyter counts cursor positions in code points; each emoji is two UTF-16 units in the kernel.
    code = 'var s = "\U0001F600\U0001F600"; s.Len'
    matches, cursor_start, cursor_end, _ = complete(kc, code)
    assert matches == ["Length"] and (cursor_start, cursor_end) == (len(code) - 3, len(code)), (matches, cursor_start, cursor_end)
    matches, cursor_start, _, _ = complete(kc, code + "gth + text.Len", len(code))
    assert "Length" in matches and cursor_start == len(code) - 3, (matches, cursor_start)
    ok("completion: cursor positions in code points after characters outside the BMP")

    found, text = inspect(kc, "text.Length", len("text.Length"))
    assert found and text == "int string.Length\n\nGets the number of characters in the current String object.", text
    ok("inspect text.Length: signature and summary")
    found, text = inspect(kc, "Presets.Poster()", len("Presets.Poster"))
    assert found and text.startswith("Workbench.Config.ExperimentConfig Workbench.Config.Presets.Poster(") and "\n\nSSL+AL poster (BCCD)" in text, text
    ok("inspect a Workbench method: signature and summary")

    # A notebook's worth of earlier cells, so that the latency includes the submission chain.
    for i in range(30):
        assert run(kc, f"var v{i} = text.Length + {i};")[0]["status"] == "ok"
    times = []
    for code, expected, _ in cases * 2:
        matches, _, _, took = complete(kc, code)
        assert expected in matches, (code, matches[:20])
        times.append(took)
    matches, _, _, took = complete(kc, "v2")
    assert "v29" in matches, matches
    times.append(took)
    times.sort()
    median, slowest = times[len(times) // 2], times[-1]
    assert slowest < 5, f"a completion took {slowest:.2f}s"
    ok(f"completion latency after warm-up, 32 cells of history: median {median * 1000:.0f} ms, max {slowest * 1000:.0f} ms over {len(times)} requests")


def interrupt(kc, km):
    run(kc, "var kept = 7;")
    msg_id = kc.execute("while (true) { await Task.Delay(50, Cancellation); }")
    time.sleep(2)
    started = time.monotonic()
    km.interrupt_kernel()
    reply = shell_reply(kc, msg_id)
    took = time.monotonic() - started
    assert reply["content"]["status"] == "error", reply
    assert reply["content"]["ename"] == "OperationCanceledException" and "abandoned" not in reply["content"]["evalue"], reply
    ok(f"interrupt stops a cell that checks Cancellation ({took:.2f}s)")

    msg_id = kc.execute("while (true) { await Task.Delay(50, NotebookCancellation.Token); }")
    time.sleep(2)
    km.interrupt_kernel()
    reply = shell_reply(kc, msg_id)
    assert reply["content"]["ename"] == "OperationCanceledException" and "abandoned" not in reply["content"]["evalue"], reply
    ok("interrupt stops a cell that checks NotebookCancellation.Token")

    reply, messages = run(kc, "kept * 6")
    assert reply["status"] == "ok" and outputs(messages)[0][1]["data"]["text/plain"] == "42", messages
    ok("the next cell runs with the state intact")

    msg_id = kc.execute('Console.WriteLine("sleeping"); System.Threading.Thread.Sleep(8000); Console.WriteLine("late");')
    time.sleep(1.5)
    km.interrupt_kernel()
    reply = shell_reply(kc, msg_id)
    assert reply["content"]["status"] == "error" and "abandoned" in reply["content"]["evalue"], reply
    reply, messages = run(kc, "kept + 1")
    assert reply["status"] == "ok" and outputs(messages)[0][1]["data"]["text/plain"] == "8", messages
    time.sleep(7)
    reply, messages = run(kc, "kept")
    assert all("late" not in str(c) for _, c in outputs(messages)), messages
    ok("a cell that ignores Cancellation is abandoned after the grace period; the kernel stays usable")


def restart(kc, km):
    run(kc, "var before = 1;")
    km.restart_kernel(now=False)
    kc.wait_for_ready(timeout=TIMEOUT)
    reply, _ = run(kc, "before")
    assert reply["status"] == "error" and "CS0103" in reply["evalue"], reply
    reply, messages = run(kc, "1 + 1")
    assert reply["status"] == "ok" and reply["execution_count"] == 2, reply
    ok("restart gives a fresh state")


def no_reply(kc, seconds=1.5):
    try:
        reply = kc.get_shell_msg(timeout=seconds)
    except queue.Empty:
        return True
    # wait_for_ready may leave kernel_info replies behind; anything else is an answer.
    return reply["msg_type"] == "kernel_info_reply" and no_reply(kc, seconds)


def badinput(kc, log_path):
    shell = kc.shell_channel.socket

    def alive(what):
        assert request(kc, "kernel_info_request")["content"]["status"] == "ok"
        ok(what)

    shell.send_multipart([b"just", b"garbage"])
    alive("frames without <IDS|MSG>: dropped, kernel alive")

    bad_key = Session(key=b"not-the-key", session=kc.session.session)
    bad_key.send(shell, bad_key.msg("execute_request", {"code": 'Console.WriteLine("pwned")', "silent": False}))
    assert no_reply(kc), "a badly signed request was answered"
    alive("wrong signature: not answered, kernel alive")

    header = b"{not json"
    parts = [header, b"{}", b"{}", b"{}"]
    shell.send_multipart([b"<IDS|MSG>", kc.session.sign(parts)] + parts)
    alive("malformed JSON header: dropped, kernel alive")

    unknown = kc.session.msg("frobnicate_request", {})
    kc.shell_channel.send(unknown)
    assert no_reply(kc), "unknown type must not be answered"
    ok("unknown message type: logged, not answered")

    msg = kc.session.msg("execute_request", {"code": 5})
    kc.shell_channel.send(msg)
    reply = shell_reply(kc, msg["header"]["msg_id"])
    assert reply["content"]["status"] == "error" and reply["content"]["ename"] == "BadRequest", reply
    ok("execute_request with a non-string code: BadRequest error reply")

    started = time.monotonic()
    reply, messages = run(kc, 'Console.Write(new string(\'x\', 5_000_000)); for (int i = 0; i < 50_000; i++) Console.WriteLine(new string(\'y\', 99)); "done"')
    took = time.monotonic() - started
    streamed = sum(len(c["text"]) for k, c, _ in messages if k == "stream")
    chunks = sum(1 for k, _, _ in messages if k == "stream")
    assert reply["status"] == "ok" and streamed == 10_000_000, (reply, streamed)
    alive(f"10 MB to stdout: {chunks} stream messages in {took:.1f}s, kernel alive")

    log = open(log_path, encoding="utf-8").read()
    for expected in ["no <IDS|MSG> delimiter", "invalid HMAC signature", "header is not a JSON object", "unknown message type 'frobnicate_request'"]:
        assert expected in log, f"log lacks '{expected}':\n{log}"
    ok("each bad message left a log line")


def main():
    scenario, name, log_path = sys.argv[1:4]
    with open(log_path, "w", encoding="utf-8") as log:
        km, kc = start(name, log)
        try:
            if scenario == "protocol":
                protocol(kc)
            elif scenario == "completion":
                completion(kc)
            elif scenario == "interrupt":
                interrupt(kc, km)
            elif scenario == "restart":
                restart(kc, km)
            elif scenario == "badinput":
                badinput(kc, log_path)
            else:
                raise SystemExit(f"unknown scenario {scenario}")
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=False)
    print(f"done: {scenario}")


if __name__ == "__main__":
    main()
