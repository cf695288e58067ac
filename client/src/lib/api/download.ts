import { apiRequest } from './http';

// Downloads a JSON file the server serves as an attachment. Fetched first, so a failure shows
// as an ApiError in the page instead of a saved error file.

export async function downloadJson(path: string, fallbackName: string): Promise<void> {
  const body = await apiRequest<unknown>(path);
  const blob = new Blob([JSON.stringify(body, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fallbackName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
