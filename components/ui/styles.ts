// Shared class names, so every button, input and focus ring looks and behaves the same.
export const focusRing = "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700";

const buttonBase = `inline-flex items-center justify-center gap-2 rounded-md px-3 py-2 text-sm font-medium transition-colors disabled:cursor-not-allowed disabled:opacity-60 ${focusRing}`;

export const buttonClass = {
  primary: `${buttonBase} bg-blue-700 text-white hover:bg-blue-800`,
  secondary: `${buttonBase} border border-slate-300 bg-white text-slate-800 hover:bg-slate-100`,
  danger: `${buttonBase} bg-red-700 text-white hover:bg-red-800`,
  ghost: `${buttonBase} text-slate-700 hover:bg-slate-100`,
  link: `rounded text-sm font-medium text-blue-700 underline-offset-2 hover:underline ${focusRing}`,
};

export const inputClass = `block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm text-slate-900 placeholder:text-slate-500 read-only:bg-slate-100 disabled:bg-slate-100 aria-[invalid=true]:border-red-700 ${focusRing}`;

export const cardClass = "rounded-lg border border-slate-200 bg-white shadow-sm";
