namespace Workbench.Kernel;

/// <summary>The Jupyter channels a message arrives on or is sent to.</summary>
public enum KernelChannel
{
    /// <summary>Requests from front ends (execute, complete, …), answered in order.</summary>
    Shell,

    /// <summary>Interrupt and shutdown, answered even while a cell runs.</summary>
    Control,

    /// <summary>input_request / input_reply while a cell asks for text.</summary>
    Stdin,

    /// <summary>Broadcast of status, outputs and execute_input to every front end.</summary>
    IoPub,
}
