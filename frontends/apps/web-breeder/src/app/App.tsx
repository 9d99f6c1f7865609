import { Toaster, useTheme } from "@reptidex/ui";
import { QueryClientProvider } from "@tanstack/react-query";
import { createBrowserRouter, RouterProvider } from "react-router";

import { queryClient } from "../api";
import { AuthProvider } from "../auth/AuthProvider";
import { routes } from "./routes";

const router = createBrowserRouter(routes);

export function App() {
  const [theme] = useTheme();
  return (
    <QueryClientProvider client={queryClient}>
      <AuthProvider>
        <RouterProvider router={router} />
      </AuthProvider>
      <Toaster theme={theme} />
    </QueryClientProvider>
  );
}
