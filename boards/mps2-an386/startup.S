/*
 * startup.S - MPS2 AN386 (Cortex-M4F) reset: the vector table the core reads at
 * address 0, and the reset handler that makes the C runtime exist.
 *
 * Order matters: the FPU is enabled through CPACR before any C code runs, since
 * code built with -mfloat-abi=hard may touch s0-s31 anywhere (a disabled FPU
 * would fault with NOCP). Then .data is copied from its load address in flash
 * and .bss cleared (QEMU's ELF loader already places .data, a real board does
 * not), and the stack is painted so gch_board_stack_peak() can report its
 * high-water mark. No C library start files: nothing here calls malloc or
 * sets up a heap.
 */
    .syntax unified
    .cpu cortex-m4
    .fpu fpv4-sp-d16
    .thumb

    .section .vectors, "a", %progbits
    .align 2
    .global gch_vectors
gch_vectors:
    .word __stack_top             /* initial SP */
    .word Reset_Handler
    .word gch_nmi_handler         /* NMI: the watchdog's warning */
    .word gch_fault_handler       /* HardFault */
    .word gch_fault_handler       /* MemManage */
    .word gch_fault_handler       /* BusFault */
    .word gch_fault_handler       /* UsageFault */
    .word 0, 0, 0, 0              /* reserved */
    .word gch_fault_handler       /* SVCall */
    .word gch_fault_handler       /* DebugMonitor */
    .word 0                       /* reserved */
    .word gch_fault_handler       /* PendSV */
    .word gch_systick_handler     /* SysTick */
    /* External interrupts stay disabled: the LAN9118 is polled. */

    .text
    .thumb_func
    .global Reset_Handler
    .type Reset_Handler, %function
Reset_Handler:
    /* CPACR (0xE000ED88): full access to CP10 and CP11 (the FPU). */
    ldr     r0, =0xE000ED88
    ldr     r1, [r0]
    orr     r1, r1, #(0xF << 20)
    str     r1, [r0]
    dsb
    isb

    /* .data: copy word by word from flash (the linker aligns both ends to 4). */
    ldr     r0, =__data_load
    ldr     r1, =__data_start
    ldr     r2, =__data_end
1:  cmp     r1, r2
    bhs     2f
    ldr     r3, [r0], #4
    str     r3, [r1], #4
    b       1b

    /* .bss: zero. */
2:  ldr     r1, =__bss_start
    ldr     r2, =__bss_end
    movs    r3, #0
3:  cmp     r1, r2
    bhs     4f
    str     r3, [r1], #4
    b       3b

    /* Stack: paint from its limit up to the current SP (still the top). */
4:  ldr     r1, =__stack_limit
    mov     r2, sp
    ldr     r3, =0xC0DEFACE
5:  cmp     r1, r2
    bhs     6f
    str     r3, [r1], #4
    b       5b

6:  bl      gch_fw_main
    /* gch_fw_main returns only under the test harness (a cycle limit): hand
     * its exit status to the host. */
    bl      gch_semihost_exit
7:  b       7b

    .size Reset_Handler, . - Reset_Handler
    .pool
